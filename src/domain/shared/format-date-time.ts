import { localDay, zonedParts } from './local-day.ts';

/**
 * A moment as a person reads it, in chat and in the console alike: `12月2日 14:30` on the local wall
 * clock, with the year (`2025年12月2日 14:30`) only when it is not the year of `now`.
 */
export function formatDateTime(at: Date, options: { now: Date; timeZone: string }): string {
  const [year, month, date] = localDay(at, options.timeZone).split('-').map(Number) as [number, number, number];
  const { hour, minute } = zonedParts(at, options.timeZone);
  const thisYear = Number(localDay(options.now, options.timeZone).slice(0, 4));
  return `${year === thisYear ? '' : `${year}年`}${month}月${date}日 ${hour}:${String(minute).padStart(2, '0')}`;
}
