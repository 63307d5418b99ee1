import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface HardshipStats {
  openCases: number;
  /** Help given since `since` (this year): how often, to how many members. */
  helpsThisYear: number;
  membersHelpedThisYear: number;
  /** By kind, most often first; amount in yuan (a decimal string), null for help without one. */
  byKind: { kind: string; count: number; amount: string | null }[];
}

/** 帮扶统计: hardship cases and help of an organisation and below (cases count where the member was when opened). */
export async function getHardshipStats(db: Db, options: { organizationPath: string; since: Date }): Promise<HardshipStats> {
  const inScope = withinOrganizationSql('o.path', options.organizationPath);
  const [open] = await db.$queryRaw<{ open: bigint }[]>`
    SELECT count(*) AS open FROM "HardshipCase" c JOIN "Organization" o ON o.id = c."organizationId"
    WHERE ${inScope} AND c."closedAt" IS NULL`;
  const byKind = await db.$queryRaw<{ kind: string; count: bigint; amount: string | null; total: bigint; total_members: bigint }[]>`
    WITH help AS (
      SELECT h.kind, h.amount, c."memberId" AS member_id
      FROM "HardshipHelp" h JOIN "HardshipCase" c ON c.id = h."caseId" JOIN "Organization" o ON o.id = c."organizationId"
      WHERE ${inScope} AND h.at >= ${options.since}
    )
    SELECT kind, count(*) AS count, sum(amount)::text AS amount,
      (SELECT count(*) FROM help) AS total, (SELECT count(DISTINCT member_id) FROM help) AS total_members
    FROM help GROUP BY kind ORDER BY count(*) DESC, kind`;
  return {
    openCases: Number(open?.open ?? 0),
    helpsThisYear: Number(byKind[0]?.total ?? 0),
    membersHelpedThisYear: Number(byKind[0]?.total_members ?? 0),
    byKind: byKind.map((row) => ({ kind: row.kind, count: Number(row.count), amount: row.amount })),
  };
}
