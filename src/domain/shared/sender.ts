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
  organization: { select: { path: true } },
} as const;

export function toSenderMember(row: {
  id: number;
  name: string;
  role: Role;
  organizationId: number;
  tags: string[];
  organization: { path: string };
}): SenderMember {
  const { organization, ...member } = row;
  return { ...member, organizationPath: organization.path };
}
