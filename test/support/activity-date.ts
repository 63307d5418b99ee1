import { localDay } from '../../src/domain/shared/local-day.ts';

/** An activity time `days` from now as a secretary types it (2026-12-31 14:30): activities must lie within a year. */
export function activityTimeIn(days: number, timeZone = 'Asia/Shanghai'): string {
  return `${localDay(new Date(Date.now() + days * 86_400_000), timeZone)} 14:30`;
}
