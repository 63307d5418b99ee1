import type { Db } from '../../db/client.ts';

export type FindOrganizationResult =
  | { outcome: 'found'; organization: { id: number; path: string; name: string } }
  | { outcome: 'not-found' }
  | { outcome: 'ambiguous'; paths: string[] };

/** Finds an organisation by its full path (城北区/祁连路社区/流动党员支部) or, if unique, by its name. */
export async function findOrganization(db: Db, nameOrPath: string): Promise<FindOrganizationResult> {
  const select = { id: true, path: true, name: true } as const;
  const byPath = await db.organization.findUnique({ where: { path: nameOrPath }, select });
  if (byPath) return { outcome: 'found', organization: byPath };
  const byName = await db.organization.findMany({
    where: { OR: [{ name: nameOrPath }, { path: { endsWith: `/${nameOrPath}` } }] },
    select,
    take: 5,
  });
  const [first, second] = byName;
  if (!first) return { outcome: 'not-found' };
  if (second) return { outcome: 'ambiguous', paths: byName.map((organization) => organization.path) };
  return { outcome: 'found', organization: first };
}
