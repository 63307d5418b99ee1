import type { Db } from '../../db/client.ts';

export interface OrganizationRollupRow {
  id: number;
  name: string;
  path: string;
  members: number;
  bound: number;
}

/**
 * The organisation tree one level down, rolled up: for the organisation and each direct
 * sub-organisation, its members and those with a bound WeChat, counting everything below it.
 * One pass over the organisation's members, whatever the depth of the tree.
 */
export async function getOrganizationRollup(db: Db, options: { organizationId: number; path: string }): Promise<OrganizationRollupRow[]> {
  const { organizationId, path } = options;
  const rows = await db.$queryRaw<{ child_path: string | null; members: bigint; bound: bigint }[]>`
    SELECT CASE WHEN o.path = ${path} THEN NULL
             ELSE ${path} || '/' || split_part(substr(o.path, ${path.length + 2}), '/', 1) END AS child_path,
      count(m.id) AS members, count(w."memberId") AS bound
    FROM "Organization" o
    JOIN "Member" m ON m."organizationId" = o.id
    LEFT JOIN "WechatContact" w ON w."memberId" = m.id
    WHERE o.path = ${path} OR starts_with(o.path, ${`${path}/`})
    GROUP BY 1`;
  const children = await db.organization.findMany({ where: { parentId: organizationId }, select: { id: true, name: true, path: true }, orderBy: { path: 'asc' } });
  const countsByPath = new Map(rows.map((row) => [row.child_path, { members: Number(row.members), bound: Number(row.bound) }]));
  const total = rows.reduce((sum, row) => ({ members: sum.members + Number(row.members), bound: sum.bound + Number(row.bound) }), { members: 0, bound: 0 });
  const self = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { id: true, name: true, path: true } });
  return [
    { ...self, ...total },
    ...children.map((child) => ({ ...child, ...(countsByPath.get(child.path) ?? { members: 0, bound: 0 }) })),
  ];
}
