import { localDay, zonedParts } from '../shared/local-day.ts';

const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

/** 12月1日（周二）14:30, in the configured time zone. */
export function formatActivityTime(at: Date, timeZone: string): string {
  const day = localDay(at, timeZone);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const weekday = weekdays[new Date(Date.UTC(year, month - 1, date)).getUTCDay()];
  const { hour, minute } = zonedParts(at, timeZone);
  return `${month}月${date}日（周${weekday}）${hour}:${String(minute).padStart(2, '0')}`;
}

export interface ActivitySummary {
  id: number;
  title: string;
  startsAt: Date;
  place: string;
  description: string | null;
}

/** The invitation members receive. */
export function invitationText(activity: ActivitySummary, timeZone: string): string {
  return [
    `【活动邀请】${activity.title}`,
    `时间：${formatActivityTime(activity.startsAt, timeZone)}`,
    `地点：${activity.place}`,
    ...(activity.description ? [`说明：${activity.description}`] : []),
    `回复「报名 ${activity.id}」参加；到场后私聊我发送「签到 签到码」（现场公布）记录出席。`,
  ].join('\n');
}

export function noticeText(content: string): string {
  return `【通知】${content}`;
}
