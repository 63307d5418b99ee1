import type { Db } from '../db/client.ts';
import type { BroadcastKind, DeliveryStatus } from '../generated/prisma/client.ts';
import { localDateTime } from '../domain/shared/local-time.ts';
import type { MessageSummary } from './chat-port.ts';

/**
 * The states of one delivery (a broadcast to one recipient), as the outbox moves it:
 * QUEUED → SENDING → SENT, or FAILED with a reason, or DROPPED with the reason it was no longer
 * true when its turn came. Reports read these rows.
 */
export interface DeliveryToSend {
  id: number;
  status: DeliveryStatus;
  memberId: number | null;
  conversationId: string | null;
  capped: boolean;
  text: string;
  kind: BroadcastKind;
  /** When it was written (the broadcast's confirmation, on the app's clock): what changed since makes it stale. */
  queuedAt: Date;
  activityId: number | null;
  activityCancelled: boolean;
  studyPackId: number | null;
  /** What the staleness checks read of the member (null for a group). */
  member: { lastActiveAt: Date | null; createdAt: Date; leaveUntil: Date | null; whereaboutsAt: Date | null } | null;
  /** Its kind and parts, for a channel that sends a template message when it cannot send the text. */
  summary: MessageSummary;
}

/** Which template (OA_TEMPLATES) each kind of broadcast uses on the official account. */
export const templateKindOf: Record<BroadcastKind, MessageSummary['kind']> = {
  INVITATION: 'activity',
  NOTICE: 'notice',
  REMINDER: 'reminder',
  FOLLOW_UP: 'reminder',
  CANCELLATION: 'activity',
  STUDY_PACK: 'study',
  STUDY_REMINDER: 'reminder',
  NUDGE: 'care',
  CARE_ALERT: 'care',
  DIGEST: 'digest',
  ACCOUNT_NOTICE: 'notice',
  SUGGESTION_REPLY: 'notice',
  WHEREABOUTS_PROMPT: 'care',
  POLL: 'notice',
  POLL_REMINDER: 'reminder',
};

const dayMs = 86_400_000;

export async function loadDeliveryToSend(db: Db, deliveryId: number, timeZone: string): Promise<DeliveryToSend | null> {
  const row = await db.delivery.findUnique({
    where: { id: deliveryId },
    select: {
      id: true,
      status: true,
      memberId: true,
      conversationId: true,
      capped: true,
      text: true,
      createdAt: true,
      member: { select: { name: true, lastActiveAt: true, createdAt: true, leaveUntil: true, whereaboutsAt: true } },
      broadcast: {
        select: {
          text: true,
          kind: true,
          confirmedAt: true,
          activityId: true,
          studyPackId: true,
          organization: { select: { name: true } },
          activity: { select: { status: true, title: true, startsAt: true, place: true } },
          studyPack: { select: { title: true } },
        },
      },
    },
  });
  if (!row) return null;
  const { broadcast, member, createdAt, ...delivery } = row;
  const text = delivery.text ?? broadcast.text;
  const { activity } = broadcast;
  return {
    ...delivery,
    text,
    kind: broadcast.kind,
    queuedAt: broadcast.confirmedAt ?? createdAt,
    activityId: broadcast.activityId,
    activityCancelled: broadcast.kind !== 'CANCELLATION' && activity?.status === 'CANCELLED',
    studyPackId: broadcast.studyPackId,
    member: member && { lastActiveAt: member.lastActiveAt, createdAt: member.createdAt, leaveUntil: member.leaveUntil, whereaboutsAt: member.whereaboutsAt },
    summary: {
      kind: templateKindOf[broadcast.kind],
      fields: {
        title: activity?.title ?? broadcast.studyPack?.title ?? firstLine(text),
        text,
        ...(activity ? { time: templateTime(activity.startsAt, timeZone), place: activity.place } : {}),
        org: broadcast.organization.name,
        ...(member ? { name: member.name } : {}),
      },
      // An activity's page is worth opening until the day after it.
      ...(activity ? { expiresAt: new Date(activity.startsAt.getTime() + dayMs) } : {}),
    },
  };
}

/** As WeChat's template `time` fields take it: 2026年12月5日 14:30. */
function templateTime(at: Date, timeZone: string): string {
  const [date = '', time = ''] = localDateTime(at, timeZone).split(' ');
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日 ${time}`;
}

/** A title for a message that has none: its first line. */
function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}

/** QUEUED → SENDING, only if still queued: the one step that makes sending at-most-once. */
export async function claimDelivery(db: Db, deliveryId: number): Promise<boolean> {
  const { count } = await db.delivery.updateMany({ where: { id: deliveryId, status: 'QUEUED' }, data: { status: 'SENDING' } });
  return count === 1;
}

export async function markDeliverySent(db: Db, options: { deliveryId: number; at: Date }): Promise<void> {
  await db.delivery.update({ where: { id: options.deliveryId }, data: { status: 'SENT', sentAt: options.at, reason: null, awaitingSince: null } });
}

/** Back to QUEUED, waiting for the member's next message (the official account's window is closed); the first time counts. */
export async function markDeliveryAwaiting(db: Db, options: { deliveryId: number; reason: string; at: Date }): Promise<void> {
  const { deliveryId, reason, at } = options;
  await db.delivery.update({ where: { id: deliveryId }, data: { status: 'QUEUED', reason: reason.slice(0, 500) } });
  await db.delivery.updateMany({ where: { id: deliveryId, awaitingSince: null }, data: { awaitingSince: at } });
}

export async function markDeliveryFailed(db: Db, options: { deliveryId: number; reason: string }): Promise<void> {
  await db.delivery.update({ where: { id: options.deliveryId }, data: { status: 'FAILED', reason: options.reason.slice(0, 500) } });
}

/** No longer true when its turn came: not sent, and counted neither as sent nor as failed to reach. */
export async function markDeliveryDropped(db: Db, options: { deliveryId: number; reason: string }): Promise<void> {
  await db.delivery.updateMany({ where: { id: options.deliveryId, status: 'QUEUED' }, data: { status: 'DROPPED', reason: options.reason.slice(0, 500) } });
}

/** Re-worded when its turn came (what it said at queue time is no longer true); the row keeps what was sent. */
export async function rewordDelivery(db: Db, options: { deliveryId: number; text: string }): Promise<void> {
  await db.delivery.update({ where: { id: options.deliveryId }, data: { text: options.text } });
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

