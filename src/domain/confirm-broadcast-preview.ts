import type { Db } from '../db/client.ts';
import { createBroadcastDeliveries } from './create-broadcast-deliveries.ts';

export type ConfirmResult =
  | { outcome: 'nothing-to-confirm' }
  | {
      outcome: 'confirmed';
      broadcastId: number;
      activity: { id: number; startsAt: Date } | null;
      /** Deliveries to queue in the outbox. */
      deliveryIds: number[];
      unreachable: number;
    };

/** Previews older than this are not confirmed by a stray 确认. */
const previewLifetimeMs = 24 * 3600 * 1000;

/**
 * 确认: the secretary's latest preview becomes real — the activity opens and its deliveries are
 * written. `now` is the 确认 message's time: when an intake batch is retried after this ran, the
 * same message finds the broadcast it confirmed and gets the same answer (nothing is written twice).
 */
export async function confirmBroadcastPreview(db: Db, options: { secretaryId: number; now: Date }): Promise<ConfirmResult> {
  const { secretaryId, now } = options;
  const select = { id: true, activity: { select: { id: true, startsAt: true } } } as const;
  const preview = await db.broadcast.findFirst({
    where: { createdById: secretaryId, status: 'PREVIEW', createdAt: { gt: new Date(now.getTime() - previewLifetimeMs) } },
    orderBy: { id: 'desc' },
    select,
  });
  const confirmed = preview
    ? await confirm(db, preview, now)
    : await db.broadcast.findFirst({ where: { createdById: secretaryId, status: 'CONFIRMED', confirmedAt: now }, select });
  if (!confirmed) return { outcome: 'nothing-to-confirm' };
  const deliveryIds = await createBroadcastDeliveries(db, { broadcastId: confirmed.id, audience: 'organization', capped: true });
  const unreachable = await db.delivery.count({ where: { broadcastId: confirmed.id, status: 'FAILED' } });
  return { outcome: 'confirmed', broadcastId: confirmed.id, activity: confirmed.activity, deliveryIds, unreachable };
}

async function confirm<T extends { id: number; activity: { id: number } | null }>(db: Db, preview: T, now: Date): Promise<T | null> {
  const { count } = await db.broadcast.updateMany({ where: { id: preview.id, status: 'PREVIEW' }, data: { status: 'CONFIRMED', confirmedAt: now } });
  if (count === 0) return null;
  if (preview.activity) await db.activity.update({ where: { id: preview.activity.id }, data: { status: 'OPEN' } });
  return preview;
}
