import type { Db } from '../../db/client.ts';
import { addDays, dayToDate, localDay } from '../shared/local-day.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface DailyCheckInRate {
  /** YYYY-MM-DD, local. */
  day: string;
  checkIns: number;
  /** Check-ins over today's members of the organisation and below, 0–1. */
  rate: number;
}

/** The check-in rate of an organisation and its sub-organisations for each of the last `days` local days, oldest first. */
export async function getDailyCheckInRates(
  db: Db,
  options: { organizationPath: string; now: Date; timeZone: string; days: number; members: number },
): Promise<DailyCheckInRate[]> {
  const today = localDay(options.now, options.timeZone);
  const first = addDays(today, 1 - options.days);
  const rows = await db.$queryRaw<{ day: Date; check_ins: bigint }[]>`
    SELECT c.day, count(*) AS check_ins
    FROM "CheckIn" c JOIN "Member" m ON m.id = c."memberId" JOIN "Organization" o ON o.id = m."organizationId"
    WHERE c.day >= ${dayToDate(first)} AND c.day <= ${dayToDate(today)} AND ${withinOrganizationSql('o.path', options.organizationPath)}
    GROUP BY c.day`;
  const byDay = new Map(rows.map((row) => [row.day.toISOString().slice(0, 10), Number(row.check_ins)]));
  return Array.from({ length: options.days }, (_, index) => {
    const day = addDays(first, index);
    const checkIns = byDay.get(day) ?? 0;
    return { day, checkIns, rate: options.members > 0 ? checkIns / options.members : 0 };
  });
}
