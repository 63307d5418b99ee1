import type { Db } from '../db/client.ts';
import type { BroadcastKind } from '../generated/prisma/client.ts';
import { withSilentDays } from '../domain/care/care-text.ts';
import type { DeliveryToSend } from './delivery-state.ts';

const dayMs = 24 * 3_600_000;

/** A nudge that waited longer than this (the account's cap, quiet hours, a logout) is re-worded with the true number of days. */
export const nudgeRewordAfterMs = 3 * dayMs;

/** Reminders and questions the schedules write for a member: a member on leave at sending time gets none of them. */
const leaveSensitive: ReadonlySet<BroadcastKind> = new Set(['NUDGE', 'STUDY_REMINDER', 'WHEREABOUTS_PROMPT', 'FOLLOW_UP']);

/**
 * Why a proactive message is no longer true now that its turn has come, or null when it still is.
 * Checked by the outbox just before it sends; one look-up by primary key at most.
 *  - an activity's message (not its cancellation) after the activity was cancelled;
 *  - any of the schedules' member messages while the member is on leave;
 *  - a nudge (a step towards 疑似失联) when the member was active since it was queued (签到, a message, 已学, 报名, a visit);
 *  - a whereabouts question when the member set or confirmed their whereabouts since;
 *  - a study reminder for a pack the member has confirmed (已学);
 *  - a follow-up to an activity the member has answered, a reminder for one they no longer said 报名 to.
 */
export async function whyStale(db: Db, delivery: DeliveryToSend, now: Date): Promise<string | null> {
  if (delivery.activityCancelled) return 'activity cancelled';
  const { member, memberId, queuedAt } = delivery;
  if (!member || memberId === null) return null;
  if (leaveSensitive.has(delivery.kind) && member.leaveUntil && member.leaveUntil > now) return 'member on leave';
  switch (delivery.kind) {
    case 'NUDGE':
      return member.lastActiveAt && member.lastActiveAt > queuedAt ? 'member active since it was queued' : null;
    case 'WHEREABOUTS_PROMPT':
      return member.whereaboutsAt && member.whereaboutsAt > queuedAt ? 'whereabouts answered meanwhile' : null;
    case 'STUDY_REMINDER': {
      if (delivery.studyPackId === null) return null;
      const confirmed = await db.studyConfirmation.findUnique({ where: { studyPackId_memberId: { studyPackId: delivery.studyPackId, memberId } }, select: { at: true } });
      return confirmed ? 'study pack already confirmed' : null;
    }
    case 'FOLLOW_UP':
    case 'REMINDER': {
      if (delivery.activityId === null) return null;
      const rsvp = await db.rsvp.findUnique({ where: { activityId_memberId: { activityId: delivery.activityId, memberId } }, select: { status: true } });
      if (delivery.kind === 'FOLLOW_UP') return rsvp ? 'member already answered' : null;
      return rsvp?.status === 'YES' ? null : 'member no longer signed up';
    }
    default:
      return null;
  }
}

/** A nudge that waited past nudgeRewordAfterMs, re-worded with the days the member has really been silent; null when it needs none. */
export function rewordedNudge(delivery: DeliveryToSend, now: Date): string | null {
  if (delivery.kind !== 'NUDGE' || !delivery.member || now.getTime() - delivery.queuedAt.getTime() <= nudgeRewordAfterMs) return null;
  const silentSince = delivery.member.lastActiveAt ?? delivery.member.createdAt;
  return withSilentDays(delivery.text, Math.floor((now.getTime() - silentSince.getTime()) / dayMs));
}
