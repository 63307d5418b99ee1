import type { Db } from '../../db/client.ts';
import { discardBroadcastPreview } from '../broadcasts/discard-broadcast-preview.ts';
import type { SenderMember } from '../shared/sender.ts';
import type { PollRequest } from './parse-poll.ts';
import { pollText } from './poll-text.ts';

/**
 * 投票: writes the poll (a draft) and its broadcast as the secretary's preview; 确认 opens it and sends
 * it like a 通知, 取消 drops it.
 */
export async function createPollPreview(
  db: Db,
  options: { secretary: SenderMember; targetTag: string | null; poll: PollRequest; timeZone: string },
): Promise<{ broadcastId: number; pollId: number; text: string }> {
  const { secretary, targetTag, poll, timeZone } = options;
  // A new preview replaces any earlier one the secretary left unanswered.
  await discardBroadcastPreview(db, { secretaryId: secretary.id });
  return db.$transaction(async (tx) => {
    const created = await tx.poll.create({
      data: { ...poll, organizationId: secretary.organizationId, targetTag, createdById: secretary.id },
      select: { id: true, title: true, options: true, multiple: true, anonymous: true, closesAt: true },
    });
    const text = pollText(created, timeZone);
    const broadcast = await tx.broadcast.create({
      data: { kind: 'POLL', organizationId: secretary.organizationId, pollId: created.id, targetTag, text, createdById: secretary.id },
      select: { id: true },
    });
    return { broadcastId: broadcast.id, pollId: created.id, text };
  });
}
