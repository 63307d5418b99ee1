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

/** 确认: the secretary's latest preview becomes real — the activity opens and its deliveries are written. */
export async function confirmBroadcastPreview(db: Db, options: { secretaryId: number; now: Date }): Promise<ConfirmResult> {
  const preview = await db.broadcast.findFirst({
    where: { createdById: options.secretaryId, status: 'PREVIEW', createdAt: { gt: new Date(options.now.getTime() - previewLifetimeMs) } },
    orderBy: { id: 'desc' },
    select: { id: true, activity: { select: { id: true, startsAt: true } } },
  });
  if (!preview) return { outcome: 'nothing-to-confirm' };
  const { count } = await db.broadcast.updateMany({
    where: { id: preview.id, status: 'PREVIEW' },
    data: { status: 'CONFIRMED', confirmedAt: options.now },
  });
  if (count === 0) return { outcome: 'nothing-to-confirm' };
  if (preview.activity) await db.activity.update({ where: { id: preview.activity.id }, data: { status: 'OPEN' } });
  const deliveryIds = await createBroadcastDeliveries(db, { broadcastId: preview.id, audience: 'organization', capped: true });
  const unreachable = await db.delivery.count({ where: { broadcastId: preview.id, status: 'FAILED' } });
  return { outcome: 'confirmed', broadcastId: preview.id, activity: preview.activity, deliveryIds, unreachable };
}
