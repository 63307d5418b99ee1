import type { Db } from '../../db/client.ts';
import { countMembersByOrganization } from '../members/count-members-by-organization.ts';
import { isWithinOrganization } from '../shared/organization-scope.ts';

export interface RollupCounts {
  members: number;
  bound: number;
  silent: number;
  lost: number;
  checkedIn: number;
}

export interface OrganizationRollup {
  /** The organisation with everything below it. */
  total: RollupCounts;
  /** Each direct sub-organisation with everything below it. */
  children: ({ id: number; name: string; path: string } & RollupCounts)[];
}

const zero = (): RollupCounts => ({ members: 0, bound: 0, silent: 0, lost: 0, checkedIn: 0 });

function add(sum: RollupCounts, counts: RollupCounts): void {
  sum.members += counts.members;
  sum.bound += counts.bound;
  sum.silent += counts.silent;
  sum.lost += counts.lost;
  sum.checkedIn += counts.checkedIn;
}

/**
 * The organisation tree one level down, rolled up: members, bound, silent, 疑似失联 and checked in on a day of the
 * organisation and of each direct sub-organisation, counting everything below them. One pass
 * over the members in scope, summed per branch here. Each counts its flock: the secretaries and
 * admins of an organisation are not counted in it, but in the levels above (see inFlockSql).
 */
export async function getOrganizationRollup(
  db: Db,
  options: { organizationId: number; path: string; silentSince: Date; checkedInOn: string },
): Promise<OrganizationRollup> {
  const [counts, children] = await Promise.all([
    countMembersByOrganization(db, { organizationPath: options.path, silentSince: options.silentSince, checkedInOn: options.checkedInOn }),
    db.organization.findMany({ where: { parentId: options.organizationId }, select: { id: true, name: true, path: true }, orderBy: { path: 'asc' } }),
  ]);
  const total = zero();
  const rolled = children.map((child) => ({ ...child, ...zero() }));
  for (const row of counts) {
    const leadsIt = (path: string) => row.leaders && row.path === path;
    if (!leadsIt(options.path)) add(total, row);
    const child = rolled.find((candidate) => isWithinOrganization(row.path, candidate.path));
    if (child && !leadsIt(child.path)) add(child, row);
  }
  return { total, children: rolled };
}
