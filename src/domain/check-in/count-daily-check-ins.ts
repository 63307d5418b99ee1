import type { Db } from '../../db/client.ts';
import { dayToDate } from '../shared/local-day.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

/** Check-ins of members of an organisation and below on each local day from `fromDay` to `toDay` (YYYY-MM-DD, inclusive); days without any are absent. */
export async function countDailyCheckIns(
  db: Db,
  options: { organizationPath: string; fromDay: string; toDay: string },
): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ day: Date; check_ins: bigint }[]>`
    SELECT c.day, count(*) AS check_ins
    FROM "CheckIn" c JOIN "Member" m ON m.id = c."memberId" JOIN "Organization" o ON o.id = m."organizationId"
    WHERE c.day >= ${dayToDate(options.fromDay)} AND c.day <= ${dayToDate(options.toDay)}
      AND ${withinOrganizationSql('o.path', options.organizationPath)}
    GROUP BY c.day`;
  return new Map(rows.map((row) => [row.day.toISOString().slice(0, 10), Number(row.check_ins)]));
}
