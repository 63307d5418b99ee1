import { Prisma } from '../../generated/prisma/client.ts';
import type { SenderMember } from './sender.ts';

/** Whether `path` is the organisation at `scopePath` or one of its sub-organisations. */
export function isWithinOrganization(path: string, scopePath: string): boolean {
  return path === scopePath || path.startsWith(`${scopePath}/`);
}

/**
 * Secretaries and admins run the organisation of their roster row and everything below it, never a
 * sibling's: an admin listed under one branch is no super-user of another district.
 */
export function canManageOrganization(member: Pick<SenderMember, 'role' | 'organizationPath'>, organizationPath: string): boolean {
  return member.role !== 'MEMBER' && isWithinOrganization(organizationPath, member.organizationPath);
}

/**
 * SQL for "organisation path `column` is `path` or below it". starts_with, not LIKE: a path may
 * contain _ or %, which LIKE would read as wildcards and match a neighbouring organisation.
 */
export function withinOrganizationSql(column: string, path: string): Prisma.Sql {
  const field = Prisma.raw(column);
  return Prisma.sql`(${field} = ${path} OR starts_with(${field}, ${`${path}/`}))`;
}

/**
 * SQL for "member `member` belongs to the flock of the organisation whose root is matched by
 * `atScopeRoot`" (a condition on the member's own organisation). A secretary or admin leads the
 * organisation of their roster row: they are not invited to, counted in or nudged for it. Where that
 * organisation is a sub-organisation, they are members of the levels above like anyone else, so an
 * audience rooted higher up includes them.
 */
export function inFlockSql(member: string, atScopeRoot: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${Prisma.raw(member)}.role = 'MEMBER' OR NOT ${atScopeRoot})`;
}

/** SQL for "member `m` of organisation `o` is in the flock of the organisation at `path`": within it, and not one who leads it. */
export function withinFlockSql(path: string): Prisma.Sql {
  return Prisma.sql`${withinOrganizationSql('o.path', path)} AND ${inFlockSql('m', Prisma.sql`o.path = ${path}`)}`;
}
