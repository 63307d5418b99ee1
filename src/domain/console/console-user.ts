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
  organization: { select: { path: true } },
} as const;

export function toConsoleUser(member: {
  id: number;
  name: string;
  role: Role;
  organizationId: number;
  organization: { path: string };
}): ConsoleUser | null {
  if (member.role === 'MEMBER') return null;
  return { memberId: member.id, name: member.name, role: member.role, organizationId: member.organizationId, scopePath: member.organization.path };
}
