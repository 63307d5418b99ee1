import { addDays, localDay, localDayBounds } from '../shared/local-day.ts';

/** The longest leave (请假) a member may take at once. */
export const maxLeaveDays = 180;
/** The longest reason kept with a leave (a reason is personal, and read in 未签到 lists). */
export const maxLeaveReasonLength = 100;

export type LeaveRequest =
  | { outcome: 'ok'; until: Date; lastDay: string; reason: string | null }
  | { outcome: 'unreadable' }
  | { outcome: 'past'; lastDay: string }
  | { outcome: 'too-long'; days: number }
  | { outcome: 'reason-too-long' };

/**
 * `30天 跑长途` (today and the next 29 days) or `到12月31日 …` / `到2027年1月5日 …` / `到2027-01-05 …`
 * (through that local day; without a year the next such day, this year or next). The leave ends at
 * the start of the day after its last day. A reason is optional.
 */
export function parseLeaveRequest(args: string, now: Date, timeZone: string): LeaveRequest {
  const today = localDay(now, timeZone);
  // White space is made single first: with one space at most between parts, nothing can backtrack over a long run.
  const match = /^(?:(\d{1,3}) ?天|到 ?(?:(\d{4}) ?[年-] ?)?(\d{1,2}) ?[月-] ?(\d{1,2}) ?日?)(?: (.+))?$/s.exec(args.trim().replace(/\s+/g, ' '));
  if (!match) return { outcome: 'unreadable' };
  const reason = match[5]?.trim() || null;
  if (reason && [...reason].length > maxLeaveReasonLength) return { outcome: 'reason-too-long' };
  let lastDay: string;
  if (match[1] !== undefined) {
    const days = Number(match[1]);
    if (days < 1) return { outcome: 'unreadable' };
    lastDay = addDays(today, days - 1);
  } else {
    const [month, day] = [Number(match[3]), Number(match[4])];
    const thisYear = Number(today.slice(0, 4));
    const dayOf = (year: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (!isCalendarDay(dayOf(thisYear))) return { outcome: 'unreadable' };
    if (match[2] !== undefined) lastDay = dayOf(Number(match[2]));
    else lastDay = dayOf(thisYear) >= today ? dayOf(thisYear) : dayOf(thisYear + 1);
    if (!isCalendarDay(lastDay)) return { outcome: 'unreadable' };
    if (lastDay < today) return { outcome: 'past', lastDay };
  }
  const days = daysBetween(today, lastDay) + 1;
  if (days > maxLeaveDays) return { outcome: 'too-long', days };
  return { outcome: 'ok', until: localDayBounds(lastDay, timeZone).end, lastDay, reason };
}

/** 12月31日 (this year) or 2027年1月5日, for a YYYY-MM-DD day. */
export function formatLeaveDay(day: string, now: Date, timeZone: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${String(year) === localDay(now, timeZone).slice(0, 4) ? '' : `${year}年`}${month}月${date}日`;
}

/** The last local day of a leave that ends at `until` (the start of the next day). */
export function leaveLastDay(until: Date, timeZone: string): string {
  return localDay(new Date(until.getTime() - 1), timeZone);
}

function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
