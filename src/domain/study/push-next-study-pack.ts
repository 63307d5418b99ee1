import type { Db } from '../../db/client.ts';
import { createBroadcastDeliveries } from '../broadcasts/create-broadcast-deliveries.ts';
import { studyPackBroadcastKey, studyPackText } from './study-pack-text.ts';

export interface PushedStudyPack {
  id: number;
  title: string;
  broadcastId: number;
  /** Deliveries to queue in the outbox. */
  deliveryIds: number[];
  /** Members of the organisation (and below) the pack is for… */
  recipients: number;
  /** …of whom this many have no bound WeChat and cannot get it. */
  unreachable: number;
}

/**
 * The weekly push (or 立即发送): the organisation's oldest waiting 学习包 goes to every member of
 * the organisation and its sub-organisations, in direct chats (never to group chats), and
 * becomes PUSHED. Null when nothing waits.
 *
 * Safe to retry: a push with the same `now` (a retried job run or intake batch) finishes the
 * pack it started instead of taking the next one, and deliveries already written are skipped.
 * Two pushes racing for the same pack (the schedule and 立即发送) write the same deliveries once.
 */
export async function pushNextStudyPack(db: Db, options: { organizationId: number; now: Date }): Promise<PushedStudyPack | null> {
  const { organizationId, now } = options;
  const select = { id: true, title: true, content: true, createdById: true } as const;
  const pack =
    (await db.studyPack.findFirst({ where: { organizationId, status: 'PUSHED', pushedAt: now }, select })) ??
    (await db.studyPack.findFirst({ where: { organizationId, status: 'WAITING' }, orderBy: { id: 'asc' }, select }));
  if (!pack) return null;
  // Packs previewed by a secretary or added on the command line already have their broadcast.
  const key = studyPackBroadcastKey(pack.id);
  const broadcast = await db.broadcast.upsert({
    where: { key },
    create: {
      key,
      kind: 'STUDY_PACK',
      status: 'CONFIRMED',
      organizationId,
      studyPackId: pack.id,
      text: studyPackText(pack),
      createdById: pack.createdById,
      confirmedAt: now,
    },
    update: {},
    select: { id: true },
  });
  // Deliveries first, then the status: a push that dies in between is finished by the next one.
  const deliveryIds = await createBroadcastDeliveries(db, {
    broadcastId: broadcast.id,
    audience: 'organization',
    capped: true,
    groupChats: false,
  });
  await db.studyPack.updateMany({ where: { id: pack.id, status: 'WAITING' }, data: { status: 'PUSHED', pushedAt: now } });
  const [recipients, unreachable] = await Promise.all([
    db.delivery.count({ where: { broadcastId: broadcast.id, memberId: { not: null } } }),
    db.delivery.count({ where: { broadcastId: broadcast.id, status: 'FAILED', reason: 'no WeChat bound' } }),
  ]);
  return { id: pack.id, title: pack.title, broadcastId: broadcast.id, deliveryIds, recipients, unreachable };
}
