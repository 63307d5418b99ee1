import type { Role } from '../../generated/prisma/client.ts';

/** The member behind a WeChat contact, as commands need it. */
export interface SenderMember {
  id: number;
  name: string;
  role: Role;
  organizationId: number;
  organizationPath: string;
  tags: string[];
}

/** Who sent a message: a WeChat contact, bound to a roster member or not yet. */
export interface Sender {
  contactId: string;
  member: SenderMember | null;
  bindPromptedAt: Date | null;
}

export const senderMemberSelect = {
  id: true,
  name: true,
  role: true,
  organizationId: true,
  tags: true,
  rolePendingSince: true,
  organization: { select: { path: true } },
} as const;

export function toSenderMember(row: {
  id: number;
  name: string;
  role: Role;
  organizationId: number;
  tags: string[];
  rolePendingSince: Date | null;
  organization: { path: string };
}): SenderMember {
  const { organization, rolePendingSince, role, ...member } = row;
  // Made 书记 or 管理员 but not yet confirmed with a one-time code: a member until then.
  return { ...member, role: rolePendingSince ? 'MEMBER' : role, organizationPath: organization.path };
}
