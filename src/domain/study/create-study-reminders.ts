import type { Db } from '../../db/client.ts';
import { createBroadcastDeliveries } from '../broadcasts/create-broadcast-deliveries.ts';
import { studyReminderBroadcastKey, studyReminderText } from './study-pack-text.ts';

const day = 24 * 3600_000;
/** A reminder more than this late (the job did not run for a week) is no longer sent. */
const staleAfterMs = 7 * day;

/**
 * The one reminder per 学习包: for packs pushed at least `afterDays` days before `now`, one
 * broadcast (keyed by the pack, so it happens once ever) to the members who were sent the pack
 * and have not said 已学. It counts toward their daily cap. Returns the deliveries to queue.
 * A retried run (same `now`) finishes the reminders it started; a later run leaves them alone.
 */
export async function createStudyReminders(db: Db, options: { now: Date; afterDays: number }): Promise<number[]> {
  const { now, afterDays } = options;
  const due = new Date(now.getTime() - afterDays * day);
  const packs = await db.studyPack.findMany({
    where: {
      status: 'PUSHED',
      pushedAt: { lte: due, gt: new Date(due.getTime() - staleAfterMs) },
      broadcasts: { none: { kind: 'STUDY_REMINDER', confirmedAt: { not: now } } },
    },
    select: { id: true, title: true, content: true, organizationId: true },
    orderBy: { id: 'asc' },
  });
  const deliveryIds: number[] = [];
  for (const pack of packs) {
    const key = studyReminderBroadcastKey(pack.id);
    const broadcast = await db.broadcast.upsert({
      where: { key },
      create: {
        key,
        kind: 'STUDY_REMINDER',
        status: 'CONFIRMED',
        organizationId: pack.organizationId,
        studyPackId: pack.id,
        text: studyReminderText(pack),
        confirmedAt: now,
      },
      update: {},
      select: { id: true },
    });
    deliveryIds.push(...(await createBroadcastDeliveries(db, { broadcastId: broadcast.id, audience: 'study-unconfirmed', capped: true })));
  }
  return deliveryIds;
}
