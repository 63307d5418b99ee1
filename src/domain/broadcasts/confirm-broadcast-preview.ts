import type { Db } from '../../db/client.ts';
import { newVoterSecret } from '../polls/voter-key.ts';
import { countWaitingStudyPacks } from '../study/count-waiting-study-packs.ts';
import { createBroadcastDeliveries } from './create-broadcast-deliveries.ts';

export type ConfirmResult =
  | { outcome: 'nothing-to-confirm' }
  | {
      outcome: 'confirmed';
      broadcastId: number;
      activity: { id: number; startsAt: Date } | null;
      /** A 投票: the poll it opened. */
      poll: { id: number } | null;
      /** A 岗位: a job or training post to job seekers (the secretary is told 岗位信息, not 通知). */
      jobPost: boolean;
      /** Deliveries to queue in the outbox. */
      deliveryIds: number[];
      /** Of them, group chats. */
      groups: number;
      unreachable: number;
    }
  | {
      /** A 学习包: queued for the weekly push (or 立即发送); nothing is sent yet. */
      outcome: 'waiting';
      broadcastId: number;
      studyPack: { id: number; title: string };
      /** Its place in the organisation's queue (1 = next); null once it has been pushed. */
      position: number | null;
    };

/** Previews older than this are not confirmed by a stray 确认. */
const previewLifetimeMs = 24 * 3600 * 1000;

/**
 * 确认: the secretary's latest preview becomes real — the activity (or poll) opens and its deliveries are
 * written (a 岗位's to the matching job seekers); a 学习包 joins its organisation's queue instead, to be pushed on the schedule. `now` is
 * the 确认 message's time: when an intake batch is retried after this ran, the same message finds
 * the broadcast it confirmed and gets the same answer (nothing is written twice).
 */
export async function confirmBroadcastPreview(db: Db, options: { secretaryId: number; now: Date }): Promise<ConfirmResult> {
  const { secretaryId, now } = options;
  const select = {
    id: true,
    activity: { select: { id: true, startsAt: true } },
    studyPack: { select: { id: true, title: true, organizationId: true } },
    jobPost: { select: { toGroups: true } },
    poll: { select: { id: true } },
    urgent: true,
  } as const;
  const preview = await db.broadcast.findFirst({
    where: { createdById: secretaryId, status: 'PREVIEW', createdAt: { gt: new Date(now.getTime() - previewLifetimeMs) } },
    orderBy: { id: 'desc' },
    select,
  });
  const confirmed = preview
    ? await confirm(db, preview, now)
    : await db.broadcast.findFirst({ where: { createdById: secretaryId, status: 'CONFIRMED', confirmedAt: now }, select });
  if (!confirmed) return { outcome: 'nothing-to-confirm' };
  if (confirmed.studyPack) {
    const { id, title, organizationId } = confirmed.studyPack;
    // Also on a retry: the pack joins the queue even if an earlier attempt stopped after the broadcast.
    await db.studyPack.updateMany({ where: { id, status: 'DRAFT' }, data: { status: 'WAITING' } });
    const pack = await db.studyPack.findUniqueOrThrow({ where: { id }, select: { status: true } });
    const position = pack.status === 'WAITING' ? await countWaitingStudyPacks(db, { organizationId, throughPackId: id }) : null;
    return { outcome: 'waiting', broadcastId: confirmed.id, studyPack: { id, title }, position };
  }
  if (confirmed.activity) {
    // Also on a retry: the activity opens even if an earlier attempt stopped after the broadcast.
    await db.activity.updateMany({ where: { id: confirmed.activity.id, status: 'DRAFT' }, data: { status: 'OPEN' } });
  }
  if (confirmed.poll) {
    await db.poll.updateMany({ where: { id: confirmed.poll.id, status: 'DRAFT' }, data: { status: 'OPEN', voterSecret: newVoterSecret() } });
  }
  // A 岗位 goes only to the job seekers it matches (and to the groups when asked); a 紧急 one past the members' daily cap.
  const capped = !confirmed.urgent;
  const deliveryIds = await createBroadcastDeliveries(
    db,
    confirmed.jobPost
      ? { broadcastId: confirmed.id, audience: 'job-seekers', capped, groupChats: confirmed.jobPost.toGroups }
      : { broadcastId: confirmed.id, audience: 'organization', capped },
  );
  const [unreachable, groups] = await Promise.all([
    db.delivery.count({ where: { broadcastId: confirmed.id, status: 'FAILED' } }),
    db.delivery.count({ where: { broadcastId: confirmed.id, memberId: null } }),
  ]);
  return { outcome: 'confirmed', broadcastId: confirmed.id, activity: confirmed.activity, poll: confirmed.poll, jobPost: confirmed.jobPost !== null, deliveryIds, groups, unreachable };
}

async function confirm<T extends { id: number }>(db: Db, preview: T, now: Date): Promise<T | null> {
  const { count } = await db.broadcast.updateMany({ where: { id: preview.id, status: 'PREVIEW' }, data: { status: 'CONFIRMED', confirmedAt: now } });
  return count === 0 ? null : preview;
}
