import type { Db } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { senderMemberSelect, toSenderMember, type SenderMember } from '../shared/sender.ts';

export type BindResult =
  | { outcome: 'bound'; member: SenderMember }
  | { outcome: 'already-bound'; member: SenderMember }
  | { outcome: 'contact-bound-to-other'; member: SenderMember }
  | { outcome: 'member-bound-to-other' }
  | { outcome: 'not-found' }
  | { outcome: 'ambiguous' };

/**
 * 绑定: links a WeChat contact to the roster member with this name and phone ending.
 * One contact ↔ one member: neither side is ever re-linked here (a secretary does that).
 */
export async function bindContact(
  db: Db,
  options: { contactId: string; name: string; phoneLast4: string; now: Date },
): Promise<BindResult> {
  const { contactId, name, phoneLast4, now } = options;
  const current = await db.wechatContact.findUnique({
    where: { id: contactId },
    select: { member: { select: senderMemberSelect } },
  });
  const candidates = await db.member.findMany({
    where: { name, phone: { endsWith: phoneLast4 } },
    select: { ...senderMemberSelect, contact: { select: { id: true } } },
    take: 2,
  });
  if (current?.member) {
    const member = toSenderMember(current.member);
    const sameMember = candidates.some((candidate) => candidate.id === member.id);
    return { outcome: sameMember ? 'already-bound' : 'contact-bound-to-other', member };
  }
  const [candidate, second] = candidates;
  if (!candidate) return { outcome: 'not-found' };
  if (second) return { outcome: 'ambiguous' };
  if (candidate.contact) return { outcome: 'member-bound-to-other' };
  try {
    await db.wechatContact.upsert({
      where: { id: contactId },
      create: { id: contactId, memberId: candidate.id, boundAt: now },
      update: { memberId: candidate.id, boundAt: now },
    });
  } catch (error) {
    // Another contact bound this member a moment ago (unique memberId).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return { outcome: 'member-bound-to-other' };
    }
    throw error;
  }
  return { outcome: 'bound', member: toSenderMember(candidate) };
}
