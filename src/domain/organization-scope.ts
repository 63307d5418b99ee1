import type { SenderMember } from './sender.ts';

/** Whether `path` is the organisation at `scopePath` or one of its sub-organisations. */
export function isWithinOrganization(path: string, scopePath: string): boolean {
  return path === scopePath || path.startsWith(`${scopePath}/`);
}

/** Secretaries run their organisation and everything below it; admins run every organisation. */
export function canManageOrganization(member: SenderMember, organizationPath: string): boolean {
  if (member.role === 'ADMIN') return true;
  return member.role === 'SECRETARY' && isWithinOrganization(organizationPath, member.organizationPath);
}
