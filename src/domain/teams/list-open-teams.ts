import type { Db } from '../../db/client.ts';

export interface OpenTeam {
  name: string;
  description: string | null;
  organizationPath: string;
}

/**
 * The teams a member may join: those of their own organisation and of the organisations above it
 * (a community's team takes members of its branches), each name once, nearest organisation first.
 */
export async function listOpenTeams(db: Db, options: { organizationPath: string }): Promise<OpenTeam[]> {
  return db.$queryRaw<OpenTeam[]>`
    SELECT DISTINCT ON (t.name) t.name, t.description, o.path AS "organizationPath"
    FROM "VolunteerTeam" t JOIN "Organization" o ON o.id = t."organizationId"
    WHERE starts_with(${`${options.organizationPath}/`}, o.path || '/')
    ORDER BY t.name, length(o.path) DESC`;
}
