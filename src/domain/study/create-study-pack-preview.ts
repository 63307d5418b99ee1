import type { Db } from '../../db/client.ts';
import { discardBroadcastPreview } from '../broadcasts/discard-broadcast-preview.ts';
import type { SenderMember } from '../shared/sender.ts';
import { studyPackBroadcastKey, studyPackText } from './study-pack-text.ts';

/**
 * 学习包: writes the pack (DRAFT) and its broadcast as a preview for the secretary's own
 * organisation. 确认 puts it in the queue (WAITING); nothing is sent before the push.
 */
export async function createStudyPackPreview(
  db: Db,
  options: { secretary: SenderMember; title: string; content: string },
): Promise<{ studyPackId: number; broadcastId: number; text: string }> {
  const { secretary, title, content } = options;
  // A new preview replaces any earlier one the secretary left unanswered.
  await discardBroadcastPreview(db, { secretaryId: secretary.id });
  return db.$transaction(async (tx) => {
    const pack = await tx.studyPack.create({
      data: { organizationId: secretary.organizationId, title, content, createdById: secretary.id },
      select: { id: true },
    });
    const text = studyPackText({ title, content });
    const broadcast = await tx.broadcast.create({
      data: {
        kind: 'STUDY_PACK',
        key: studyPackBroadcastKey(pack.id),
        organizationId: secretary.organizationId,
        studyPackId: pack.id,
        text,
        createdById: secretary.id,
      },
      select: { id: true },
    });
    return { studyPackId: pack.id, broadcastId: broadcast.id, text };
  });
}
