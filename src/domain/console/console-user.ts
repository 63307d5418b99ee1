import type { Role } from '../../generated/prisma/client.ts';

/** A secretary or admin signed in to the console, and the organisation (with everything below) they may see. */
export interface ConsoleUser {
  memberId: number;
  name: string;
  role: Role;
  organizationId: number;
  /** Every page and export is limited to this organisation and the ones below it. */
  scopePath: string;
}

export const consoleUserSelect = {
  id: true,
  name: true,
  role: true,
  organizationId: true,
  rolePendingSince: true,
  organization: { select: { path: true } },
} as const;

export function toConsoleUser(member: {
  id: number;
  name: string;
  role: Role;
  organizationId: number;
  rolePendingSince: Date | null;
  organization: { path: string };
}): ConsoleUser | null {
  // A role not yet confirmed by binding with a one-time code gives no console.
  if (member.role === 'MEMBER' || member.rolePendingSince) return null;
  return { memberId: member.id, name: member.name, role: member.role, organizationId: member.organizationId, scopePath: member.organization.path };
}
