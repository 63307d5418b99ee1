import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface MonthlyCheckInRow {
  memberId: number;
  name: string;
  organizationPath: string;
  /** Check-ins per month, YYYY-MM → days checked in. */
  byMonth: Map<string, number>;
}

/**
 * Check-ins by member by month (local days) from `fromMonth` (YYYY-MM) on, for every member
 * of an organisation and below — members without any too — in batches by member id.
 */
export async function* streamMonthlyCheckIns(
  db: Db,
  options: { organizationPath: string; fromMonth: string; batchSize?: number },
): AsyncGenerator<MonthlyCheckInRow[]> {
  const batchSize = options.batchSize ?? 2000;
  const from = new Date(`${options.fromMonth}-01T00:00:00.000Z`);
  let after = 0;
  for (;;) {
    const members = await db.$queryRaw<{ id: number; name: string; path: string }[]>`
      SELECT m.id, m.name, o.path FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
      WHERE m.id > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY m.id LIMIT ${batchSize}`;
    if (members.length === 0) return;
    const first = members[0]!.id;
    const last = members.at(-1)!.id;
    const counts = await db.$queryRaw<{ member_id: number; month: string; days: bigint }[]>`
      SELECT c."memberId" AS member_id, to_char(c.day, 'YYYY-MM') AS month, count(*) AS days
      FROM "CheckIn" c
      WHERE c."memberId" BETWEEN ${first} AND ${last} AND c.day >= ${from}
      GROUP BY 1, 2`;
    const rows = new Map<number, MonthlyCheckInRow>(
      members.map((m) => [m.id, { memberId: m.id, name: m.name, organizationPath: m.path, byMonth: new Map() }]),
    );
    // Members of other organisations may sit between first and last: only those of this batch are kept.
    for (const count of counts) rows.get(count.member_id)?.byMonth.set(count.month, Number(count.days));
    yield [...rows.values()];
    after = last;
  }
}
