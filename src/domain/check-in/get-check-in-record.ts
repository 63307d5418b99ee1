import type { Db } from '../../db/client.ts';
import { addDays, dayToDate } from '../shared/local-day.ts';

export interface CheckInRecord {
  lastCheckIn: { day: string; place: string | null } | null;
  daysThisMonth: number;
  /** Consecutive days checked in, ending today (or yesterday, if today is still open). */
  streak: number;
}

/** 我的: a member's own check-in record, counted in local days. */
export async function getCheckInRecord(db: Db, options: { memberId: number; today: string }): Promise<CheckInRecord> {
  const { memberId, today } = options;
  const monthStart = `${today.slice(0, 8)}01`;
  // A streak longer than a year is shown as a year: one bounded query instead of a walk.
  const rows = await db.checkIn.findMany({
    where: { memberId, day: { gte: dayToDate(addDays(today, -366)), lte: dayToDate(today) } },
    select: { day: true, place: true },
    orderBy: { day: 'desc' },
  });
  const days = rows.map((row) => row.day.toISOString().slice(0, 10));
  const first = rows[0];
  return {
    lastCheckIn: first ? { day: days[0]!, place: first.place } : null,
    daysThisMonth: days.filter((day) => day >= monthStart).length,
    streak: countStreak(days, today),
  };
}

function countStreak(daysDescending: string[], today: string): number {
  let expected = daysDescending[0] === today ? today : addDays(today, -1);
  let streak = 0;
  for (const day of daysDescending) {
    if (day !== expected) break;
    streak += 1;
    expected = addDays(expected, -1);
  }
  return streak;
}
