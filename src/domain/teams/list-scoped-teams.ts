import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface ScopedTeam {
  name: string;
  description: string | null;
  organizationPath: string;
  /** Members of the team's organisation and below who joined it. */
  members: number;
}

/** 队伍 for a secretary: the teams of their organisation and below, with their member counts. */
export async function listScopedTeams(db: Db, options: { organizationPath: string }): Promise<ScopedTeam[]> {
  const rows = await db.$queryRaw<(Omit<ScopedTeam, 'members'> & { members: bigint })[]>`
    SELECT t.name, t.description, o.path AS "organizationPath",
      (SELECT count(*) FROM "Member" m JOIN "Organization" mo ON mo.id = m."organizationId"
        WHERE t.name = ANY (m.tags) AND (mo.path = o.path OR starts_with(mo.path, o.path || '/'))) AS members
    FROM "VolunteerTeam" t JOIN "Organization" o ON o.id = t."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)}
    ORDER BY o.path, t.name`;
  return rows.map((row) => ({ ...row, members: Number(row.members) }));
}
