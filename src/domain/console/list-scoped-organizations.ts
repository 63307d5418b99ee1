import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

/** The organisation at `scopePath` and those below it, by path, at most `limit` (for filters in the console). */
export async function listScopedOrganizations(db: Db, options: { scopePath: string; limit: number }): Promise<{ id: number; path: string }[]> {
  return db.$queryRaw<{ id: number; path: string }[]>`
    SELECT o.id, o.path FROM "Organization" o
    WHERE ${withinOrganizationSql('o.path', options.scopePath)}
    ORDER BY o.path LIMIT ${options.limit}`;
}
