import type { Db } from '../../db/client.ts';
import { senderMemberSelect, toSenderMember } from '../shared/sender.ts';
import type { BindResult } from './bind-contact.ts';
import { hashBindCode } from './bind-code.ts';
import { hasTooManyBindFailures, recordBindFailure } from './bind-failures.ts';

/**
 * 绑定 <code>: links the contact to the member the one-time code was made for (by an admin's 绑定码 or
 * `npm run bind-code`). The code is used up; a WeChat the member had before is unlinked (and returned,
 * to be told), since whoever made the code decided. A wrong, used or expired code counts as a failed bind.
 * It also confirms a role given by an import (rolePendingSince): a member made 书记 while bound sends the
 * code from the same WeChat, and only then has a secretary's powers.
 */
export async function bindWithCode(db: Db, options: { contactId: string; code: string; now: Date; account: string }): Promise<BindResult> {
  const { contactId, code, now, account } = options;
  const current = await db.wechatContact.findUnique({ where: { id: contactId }, select: { member: { select: senderMemberSelect } } });
  const codeHash = hashBindCode(code);
  const found = await db.bindCode.findFirst({
    where: { codeHash, usedAt: null, expiresAt: { gt: now } },
    select: { member: { select: senderMemberSelect } },
  });
  if (!found) {
    // Past the day's failures a wrong code gets the refusal; a valid one (1 in 31^8 to guess) still binds:
    // it is how someone who failed by name and digits gets in.
    if (await hasTooManyBindFailures(db, { contactId, now })) return { outcome: 'too-many-failures' };
    await recordBindFailure(db, { contactId, now });
    return { outcome: 'not-found' };
  }
  const member = toSenderMember({ ...found.member, rolePendingSince: null });
  if (current?.member && (current.member.id !== member.id || !current.member.rolePendingSince)) {
    return { outcome: current.member.id === member.id ? 'already-bound' : 'contact-bound-to-other', member: toSenderMember(current.member) };
  }
  const bound = await db.$transaction(async (tx) => {
    const { count } = await tx.bindCode.updateMany({ where: { codeHash, usedAt: null }, data: { usedAt: now } });
    if (count === 0) return null;
    await tx.member.update({ where: { id: member.id }, data: { rolePendingSince: null } });
    const previous = await tx.wechatContact.findUnique({ where: { memberId: member.id }, select: { id: true } });
    const released = previous && previous.id !== contactId ? previous.id : undefined;
    if (released) await tx.wechatContact.update({ where: { id: released }, data: { memberId: null, boundAt: null } });
    await tx.wechatContact.upsert({
      where: { id: contactId },
      create: { id: contactId, memberId: member.id, boundAt: now, account },
      update: { memberId: member.id, boundAt: now, account, alias: null, aliasSetAt: null },
    });
    return { releasedContactId: released };
  });
  return bound ? { outcome: 'bound', member, ...bound } : { outcome: 'not-found' };
}
