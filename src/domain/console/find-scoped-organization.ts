import type { Db } from '../../db/client.ts';
import { isWithinOrganization } from '../shared/organization-scope.ts';

export interface ScopedOrganization {
  id: number;
  name: string;
  path: string;
}

/**
 * The organisation with this id, if it is the console user's organisation or below it; null
 * otherwise, so that an id from outside the scope looks exactly like one that does not exist.
 * Without an id: the user's own organisation.
 */
export async function findScopedOrganization(
  db: Db,
  options: { scopePath: string; organizationId?: number | undefined },
): Promise<ScopedOrganization | null> {
  const select = { id: true, name: true, path: true } as const;
  const organization =
    options.organizationId === undefined
      ? await db.organization.findUnique({ where: { path: options.scopePath }, select })
      : await db.organization.findUnique({ where: { id: options.organizationId }, select });
  return organization && isWithinOrganization(organization.path, options.scopePath) ? organization : null;
}
