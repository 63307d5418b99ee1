import { localDay, zonedParts } from '../shared/local-day.ts';

const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * 12月1日（周二）14:30, in the configured time zone; 2027年1月5日（周二）14:30 when it is not in the
 * year of `seenFrom` (the moment the text is written), so a secretary sees which year was read.
 */
export function formatActivityTime(at: Date, timeZone: string, seenFrom?: Date): string {
  const day = localDay(at, timeZone);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const weekday = weekdays[new Date(Date.UTC(year, month - 1, date)).getUTCDay()];
  const { hour, minute } = zonedParts(at, timeZone);
  const yearText = seenFrom && localDay(seenFrom, timeZone).slice(0, 4) !== day.slice(0, 4) ? `${year}年` : '';
  return `${yearText}${month}月${date}日（周${weekday}）${hour}:${String(minute).padStart(2, '0')}`;
}

export interface ActivitySummary {
  id: number;
  title: string;
  startsAt: Date;
  place: string;
  description: string | null;
  /** When the activity was written: its time shows the year when that is another year. */
  createdAt: Date;
}

/** The invitation members receive. */
export function invitationText(activity: ActivitySummary, timeZone: string): string {
  return [
    `【活动邀请】${activity.title}`,
    `时间：${formatActivityTime(activity.startsAt, timeZone, activity.createdAt)}`,
    `地点：${activity.place}`,
    ...(activity.description ? [`说明：${activity.description}`] : []),
    `回复「报名 ${activity.id}」参加；到场后私聊我发送「签到 签到码」（现场公布）记录出席。`,
  ].join('\n');
}

export function noticeText(content: string): string {
  return `【通知】${content}`;
}
