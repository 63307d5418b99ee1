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
