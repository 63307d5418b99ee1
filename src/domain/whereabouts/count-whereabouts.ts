import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface WhereaboutsCounts {
  members: number;
  /** Most members first; null: not known. */
  byResidence: { value: string | null; count: number }[];
  byWorkplace: { value: string | null; count: number }[];
}

/** 去向统计: members of an organisation and below by 现居地 and by 工作, the `limit` largest of each. */
export async function countWhereabouts(db: Db, options: { organizationPath: string; limit: number }): Promise<WhereaboutsCounts> {
  const rows = await db.$queryRaw<{ field: 'residence' | 'workplace' | 'all'; value: string | null; count: bigint }[]>`
    WITH scoped AS MATERIALIZED (
      SELECT m.residence, m.workplace FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
      WHERE ${withinOrganizationSql('o.path', options.organizationPath)}
    ),
    residence AS (SELECT 'residence' AS field, residence AS value, count(*) FROM scoped GROUP BY residence ORDER BY count(*) DESC, residence LIMIT ${options.limit}),
    workplace AS (SELECT 'workplace' AS field, workplace AS value, count(*) FROM scoped GROUP BY workplace ORDER BY count(*) DESC, workplace LIMIT ${options.limit})
    SELECT * FROM residence UNION ALL SELECT * FROM workplace UNION ALL SELECT 'all', NULL, count(*) FROM scoped`;
  const of = (field: 'residence' | 'workplace') =>
    rows.filter((row) => row.field === field).map((row) => ({ value: row.value, count: Number(row.count) }));
  return { members: Number(rows.find((row) => row.field === 'all')?.count ?? 0), byResidence: of('residence'), byWorkplace: of('workplace') };
}
