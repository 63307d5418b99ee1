import type { Db } from '../../db/client.ts';
import { formatActivityTime } from './activity-text.ts';
import { createBroadcastDeliveries } from '../broadcasts/create-broadcast-deliveries.ts';

export type ReminderKind = 'REMINDER' | 'FOLLOW_UP';

/**
 * Writes a reminder for an open activity that has not started: to those who said 报名
 * (REMINDER; they asked for it, so it does not count toward their daily cap), or the one
 * follow-up to invited members who have not answered (FOLLOW_UP). Returns deliveries to queue.
 */
export async function createActivityReminder(
  db: Db,
  options: { activityId: number; kind: ReminderKind; minutesBefore: number; now: Date; timeZone: string },
): Promise<number[]> {
  const { activityId, kind, minutesBefore, now, timeZone } = options;
  const activity = await db.activity.findUnique({
    where: { id: activityId },
    select: { id: true, title: true, startsAt: true, place: true, status: true, organizationId: true },
  });
  if (!activity || activity.status !== 'OPEN' || activity.startsAt <= now) return [];
  const when = formatActivityTime(activity.startsAt, timeZone);
  const text =
    kind === 'REMINDER'
      ? `【活动提醒】您报名的「${activity.title}」将于${when}在${activity.place}举行，请准时参加。到场后私聊我发送「签到 签到码」（现场公布）记录出席。`
      : `【活动邀请】「${activity.title}」将于${when}在${activity.place}举行，欢迎参加。回复「报名 ${activity.id}」参加。`;
  // Keyed, so a retried job continues the same broadcast instead of sending a second one.
  const key = `${kind.toLowerCase()}-${activityId}-${minutesBefore}`;
  const broadcast = await db.broadcast.upsert({
    where: { key },
    create: { key, kind, status: 'CONFIRMED', organizationId: activity.organizationId, activityId, text, confirmedAt: now },
    update: {},
    select: { id: true },
  });
  return createBroadcastDeliveries(db, {
    broadcastId: broadcast.id,
    audience: kind === 'REMINDER' ? 'rsvp-yes' : 'unanswered',
    capped: kind === 'FOLLOW_UP',
  });
}
