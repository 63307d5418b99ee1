import type { Db } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { senderMemberSelect, toSenderMember, type SenderMember } from '../shared/sender.ts';
import { hasTooManyBindFailures, recordBindFailure, type NewlyLockedMember } from './bind-failures.ts';

export type BindResult =
  /**
   * `releasedContactId`: the WeChat a bind code took the member from, to be told. `alsoContactId`: the
   * member's contact on their other channel (official account / personal account), which stays bound.
   */
  | { outcome: 'bound'; member: SenderMember; releasedContactId?: string; alsoContactId?: string }
  | { outcome: 'already-bound'; member: SenderMember }
  | { outcome: 'contact-bound-to-other'; member: SenderMember }
  /**
   * No such name, wrong digits, a member bound to another WeChat, a member whose binding by digits has
   * stopped, a secretary or admin (they bind with a code), or a wrong code: one answer for all.
   * `newlyLocked`: members this failure stopped binding by digits for (their secretaries are to be told).
   */
  | { outcome: 'not-found'; newlyLocked?: NewlyLockedMember[] }
  | { outcome: 'ambiguous' }
  /** The contact has failed too often in the last 24 hours; nothing was looked up. */
  | { outcome: 'too-many-failures' };

const candidateSelect = {
  ...senderMemberSelect,
  phone: true,
  bindLockedAt: true,
  contact: { select: { id: true, account: true, officialAccount: true } },
  otherContacts: { select: { account: true, officialAccount: true } },
} as const;
type Candidate = Prisma.MemberGetPayload<{ select: typeof candidateSelect }>;

/**
 * 绑定 <姓名> <手机号后四位>: links a WeChat contact to the roster member with this name and phone
 * ending. One contact ↔ one member: neither side is ever re-linked here (a secretary does that).
 * Only members bind this way; a guess that fails counts toward the contact's daily few and against
 * the members it named, from whatever contacts (see bindFailuresPerMember).
 */
export async function bindContact(
  db: Db,
  options: { contactId: string; name: string; phoneLast4: string; now: Date; account: string; officialAccount: boolean },
): Promise<BindResult> {
  const { contactId, name, phoneLast4, now, account, officialAccount } = options;
  const current = await db.wechatContact.findUnique({
    where: { id: contactId },
    select: { member: { select: senderMemberSelect }, speaksFor: { select: senderMemberSelect } },
  });
  const currentMember = current?.member ?? current?.speaksFor;
  if (currentMember) {
    const member = toSenderMember(currentMember);
    const sameMember = member.name === name && (await db.member.count({ where: { id: member.id, phone: { endsWith: phoneLast4 } } })) > 0;
    return { outcome: sameMember ? 'already-bound' : 'contact-bound-to-other', member };
  }
  if (await hasTooManyBindFailures(db, { contactId, now })) return { outcome: 'too-many-failures' };
  const named = await findNamedMembers(db, name);
  const candidates = named.filter((member) => member.phone.endsWith(phoneLast4));
  const result = await bindCandidate(db, { contactId, candidates, now, account, officialAccount });
  if (result.outcome === 'bound') return result;
  const newlyLocked = await recordBindFailure(db, { contactId, now, namedMemberIds: named.map((member) => member.id) });
  return result.outcome === 'not-found' && newlyLocked.length > 0 ? { outcome: 'not-found', newlyLocked } : result;
}

async function bindCandidate(
  db: Db,
  options: { contactId: string; candidates: Candidate[]; now: Date; account: string; officialAccount: boolean },
): Promise<BindResult> {
  const [candidate, second] = options.candidates;
  if (!candidate || candidate.role !== 'MEMBER') return { outcome: 'not-found' };
  if (second) return { outcome: 'ambiguous' };
  if (candidate.bindLockedAt) return { outcome: 'not-found' };
  const { contactId, now, account, officialAccount } = options;
  const other = candidate.contact;
  // A member bound on one channel may bind on the other too (the official account and a personal account whose
  // groups they write in); two of one kind, or a second on the same account, never: told apart from a wrong guess,
  // a member already bound would confirm that name and digits match.
  const existing = other ? [other, ...candidate.otherContacts] : [];
  if (existing.some((contact) => contact.account === account || contact.officialAccount === officialAccount)) return { outcome: 'not-found' };
  // A remark the contact carried for someone else would find the wrong member after a re-login.
  const fresh = { boundAt: now, account, officialAccount, alias: null, aliasSetAt: null };
  try {
    if (!other) {
      await db.wechatContact.upsert({ where: { id: contactId }, create: { id: contactId, memberId: candidate.id, ...fresh }, update: { memberId: candidate.id, speaksForId: null, ...fresh } });
    } else if (officialAccount) {
      // The official account reaches the member from now on; the personal account's contact still speaks for them in groups.
      await db.$transaction([
        db.wechatContact.update({ where: { id: other.id }, data: { memberId: null, speaksForId: candidate.id } }),
        db.wechatContact.upsert({ where: { id: contactId }, create: { id: contactId, memberId: candidate.id, ...fresh }, update: { memberId: candidate.id, speaksForId: null, ...fresh } }),
      ]);
    } else {
      await db.wechatContact.upsert({ where: { id: contactId }, create: { id: contactId, speaksForId: candidate.id, ...fresh }, update: { memberId: null, speaksForId: candidate.id, ...fresh } });
    }
  } catch (error) {
    // Another contact bound this member a moment ago (unique memberId).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { outcome: 'not-found' };
    throw error;
  }
  return { outcome: 'bound', member: toSenderMember(candidate), ...(other ? { alsoContactId: other.id } : {}) };
}

/** Members named so, at most a few: by the name as typed; failing that, without white space (阿依古丽买买提 for 阿依古丽 买买提). */
async function findNamedMembers(db: Db, name: string): Promise<Candidate[]> {
  const exact = await db.member.findMany({ where: { name }, select: candidateSelect, take: 10 });
  if (exact.length > 0) return exact;
  // No index on the spaceless name: a scan, but only after a miss, and misses are a few per contact a day.
  const spaceless = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM "Member" WHERE regexp_replace(name, '[[:space:]]', '', 'g') = ${name.replace(/\s/g, '')} LIMIT 10`;
  if (spaceless.length === 0) return [];
  return db.member.findMany({ where: { id: { in: spaceless.map((row) => row.id) } }, select: candidateSelect });
}
