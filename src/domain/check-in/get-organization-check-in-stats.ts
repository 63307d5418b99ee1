import type { Db } from '../../db/client.ts';
import { namesShown } from '../shared/name-list.ts';
import { withinFlockSql } from '../shared/organization-scope.ts';
import { addDays, dayToDate } from '../shared/local-day.ts';

export interface OrganizationCheckInStats {
  /** Members of the organisation and its sub-organisations (its own secretaries and admins aside). */
  members: number;
  /** Members who checked in on `today`. */
  checkedInToday: number;
  /** Members who checked in at least once from `weekStart` through `today`. */
  checkedInThisWeek: number;
  /** Members with no check-in from `weekStart` through `today`. */
  notCheckedInThisWeek: number;
  /** Of those, how many have no bound WeChat (they cannot check in at all). */
  notCheckedInThisWeekUnbound: number;
  /** Names of members with no check-in this week, by name, at most `nameLimit`. */
  notCheckedInNames: string[];
}

/** The Monday of the (Monday-based) week a YYYY-MM-DD day falls in. */
export function weekStartOf(day: string): string {
  const weekday = dayToDate(day).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * 统计 (no number): today's check-in rate of an organisation and its sub-organisations, and
 * who has not checked in this week. Days are local calendar days (YYYY-MM-DD), as CheckIn.day
 * stores them. Counted in one SQL statement (an organisation may have 10,000 members); only
 * the capped list of names is read into memory.
 */
export async function getOrganizationCheckInStats(
  db: Db,
  options: { organizationPath: string; today: string; weekStart: string; nameLimit?: number },
): Promise<OrganizationCheckInStats> {
  const { organizationPath: path, nameLimit = namesShown } = options;
  const today = dayToDate(options.today);
  const weekStart = dayToDate(options.weekStart);
  // The organisation's own secretaries and admins are not among the members counted (inFlockSql).
  const inScope = withinFlockSql(path);

  const [counts, names] = await Promise.all([
    db.$queryRaw<{ members: bigint; today: bigint; week: bigint; missing: bigint; missing_unbound: bigint }[]>`
      WITH scope AS (
        SELECT m.id FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
        WHERE ${inScope}
      ),
      week AS (
        SELECT c."memberId" AS member_id, bool_or(c.day = ${today}::date) AS today
        FROM "CheckIn" c JOIN scope s ON s.id = c."memberId"
        WHERE c.day >= ${weekStart}::date AND c.day <= ${today}::date
        GROUP BY c."memberId"
      )
      SELECT
        count(*) AS members,
        count(*) FILTER (WHERE w.today) AS today,
        count(w.member_id) AS week,
        count(*) FILTER (WHERE w.member_id IS NULL) AS missing,
        count(*) FILTER (WHERE w.member_id IS NULL AND wc.id IS NULL) AS missing_unbound
      FROM scope s
      LEFT JOIN week w ON w.member_id = s.id
      LEFT JOIN "WechatContact" wc ON wc."memberId" = s.id`,
    db.$queryRaw<{ name: string }[]>`
      SELECT m.name FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
      WHERE ${inScope}
        AND NOT EXISTS (
          SELECT 1 FROM "CheckIn" c
          WHERE c."memberId" = m.id AND c.day >= ${weekStart}::date AND c.day <= ${today}::date
        )
      ORDER BY m.name, m.id
      LIMIT ${nameLimit}`,
  ]);
  const row = counts[0];
  const count = (value: bigint | undefined) => Number(value ?? 0);
  return {
    members: count(row?.members),
    checkedInToday: count(row?.today),
    checkedInThisWeek: count(row?.week),
    notCheckedInThisWeek: count(row?.missing),
    notCheckedInThisWeekUnbound: count(row?.missing_unbound),
    notCheckedInNames: names.map((name) => name.name),
  };
}
