import type { Db } from '../db/client.ts';

/**
 * The states of one delivery (a broadcast to one recipient), as the outbox moves it:
 * QUEUED → SENDING → SENT, or FAILED with a reason. Reports read these rows.
 */
export interface DeliveryToSend {
  id: number;
  status: 'QUEUED' | 'SENDING' | 'SENT' | 'FAILED';
  memberId: number | null;
  conversationId: string | null;
  capped: boolean;
  text: string;
  /** The activity was cancelled after the broadcast was queued: stop sending it. */
  activityCancelled: boolean;
}

export async function loadDeliveryToSend(db: Db, deliveryId: number): Promise<DeliveryToSend | null> {
  const row = await db.delivery.findUnique({
    where: { id: deliveryId },
    select: {
      id: true,
      status: true,
      memberId: true,
      conversationId: true,
      capped: true,
      text: true,
      broadcast: { select: { text: true, kind: true, activity: { select: { status: true } } } },
    },
  });
  if (!row) return null;
  const { broadcast, ...delivery } = row;
  return {
    ...delivery,
    text: delivery.text ?? broadcast.text,
    activityCancelled: broadcast.kind !== 'CANCELLATION' && broadcast.activity?.status === 'CANCELLED',
  };
}

/** QUEUED → SENDING, only if still queued: the one step that makes sending at-most-once. */
export async function claimDelivery(db: Db, deliveryId: number): Promise<boolean> {
  const { count } = await db.delivery.updateMany({ where: { id: deliveryId, status: 'QUEUED' }, data: { status: 'SENDING' } });
  return count === 1;
}

export async function markDeliverySent(db: Db, options: { deliveryId: number; at: Date }): Promise<void> {
  await db.delivery.update({ where: { id: options.deliveryId }, data: { status: 'SENT', sentAt: options.at, reason: null } });
}

export async function markDeliveryFailed(db: Db, options: { deliveryId: number; reason: string }): Promise<void> {
  await db.delivery.update({ where: { id: options.deliveryId }, data: { status: 'FAILED', reason: options.reason.slice(0, 500) } });
}

/** The account's limits put it off (the first time counts; the digest reports these). */
export async function markDeliveryDeferred(db: Db, options: { deliveryId: number; at: Date }): Promise<void> {
  await db.delivery.updateMany({ where: { id: options.deliveryId, deferredAt: null }, data: { deferredAt: options.at } });
}

/** Back to QUEUED after a send failed in a way worth retrying. */
export async function requeueDelivery(db: Db, options: { deliveryId: number; reason: string }): Promise<void> {
  await db.delivery.update({ where: { id: options.deliveryId }, data: { status: 'QUEUED', reason: options.reason.slice(0, 500) } });
}

/** Proactive messages (those counting toward the cap) sent to a member on a local day. */
export async function countCappedSent(db: Db, options: { memberId: number; dayStart: Date; dayEnd: Date }): Promise<number> {
  return db.delivery.count({
    where: { memberId: options.memberId, capped: true, status: 'SENT', sentAt: { gte: options.dayStart, lt: options.dayEnd } },
  });
}

