import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface OrganizationJobStats {
  organizationPath: string;
  seeking: number;
  /** Members who said 意向 to a post this year. */
  interested: number;
  placedThisYear: number;
}

/** 就业统计: per organisation of the scope (those with any figure), job seekers now, interested and placed since `yearStart`. */
export async function getJobStats(db: Db, options: { organizationPath: string; yearStart: Date }): Promise<OrganizationJobStats[]> {
  const { yearStart } = options;
  const rows = await db.$queryRaw<{ organizationPath: string; seeking: bigint; interested: bigint; placed: bigint }[]>`
    SELECT o.path AS "organizationPath",
      count(*) FILTER (WHERE js.status = 'SEEKING') AS seeking,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "JobInterest" i WHERE i."memberId" = m.id AND i.at >= ${yearStart})) AS interested,
      count(*) FILTER (WHERE js.status = 'PLACED' AND js."placedAt" >= ${yearStart}) AS placed
    FROM "JobSeeker" js
    JOIN "Member" m ON m.id = js."memberId"
    JOIN "Organization" o ON o.id = m."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)}
    GROUP BY o.path
    ORDER BY o.path`;
  return rows.map((row) => ({
    organizationPath: row.organizationPath,
    seeking: Number(row.seeking),
    interested: Number(row.interested),
    placedThisYear: Number(row.placed),
  }));
}
