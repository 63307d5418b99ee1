import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface WhereaboutsAnswers {
  /** Members of the scope asked the quarterly question since `since`. */
  asked: number;
  /** Of them, those who answered (是, or a new whereabouts) or whose whereabouts a 走访 confirmed since. */
  answered: number;
  /** Not answered yet, longest asked first, at most `limit`. */
  waiting: { id: number; name: string; organizationPath: string; askedAt: Date }[];
}

/** 去向: how the quarterly whereabouts question asked since `since` was answered in an organisation and below. */
export async function getWhereaboutsAnswers(db: Db, options: { organizationPath: string; since: Date; limit: number }): Promise<WhereaboutsAnswers> {
  const rows = await db.$queryRaw<{ id: number | null; name: string | null; path: string | null; asked_at: Date | null; asked: bigint; answered: bigint }[]>`
    WITH asked AS MATERIALIZED (
      SELECT m.id, m.name, o.path, m."whereaboutsPromptedAt" AS asked_at,
        m."whereaboutsAt" >= m."whereaboutsPromptedAt" AS answered
      FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
      WHERE ${withinOrganizationSql('o.path', options.organizationPath)} AND m."whereaboutsPromptedAt" >= ${options.since}
    ),
    waiting AS (SELECT id, name, path, asked_at FROM asked WHERE answered IS NOT TRUE ORDER BY asked_at, name, id LIMIT ${options.limit})
    SELECT w.id, w.name, w.path, w.asked_at, t.asked, t.answered
    FROM (SELECT count(*) AS asked, count(*) FILTER (WHERE answered) AS answered FROM asked) t LEFT JOIN waiting w ON true`;
  return {
    asked: Number(rows[0]?.asked ?? 0),
    answered: Number(rows[0]?.answered ?? 0),
    waiting: rows.flatMap((row) => (row.id === null ? [] : [{ id: row.id, name: row.name!, organizationPath: row.path!, askedAt: row.asked_at! }])),
  };
}
