import { randomInt } from 'node:crypto';
import type { Db } from '../../db/client.ts';

const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function markerCode(): string {
  return Array.from({ length: 4 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');
}

/**
 * The remark (备注) to set on a bound contact so that the member is found again after a login
 * changes ids: the member's name, for the operator reading the account's contact list, and a
 * random code, so no two are alike. Kept before it is written, so a retry writes the same one.
 * Null when there is nothing to do: not bound (any more), or marked already.
 */
export async function reserveContactMarker(db: Db, contactId: string): Promise<string | null> {
  const contact = await db.wechatContact.findUnique({
    where: { id: contactId },
    select: { alias: true, aliasSetAt: true, member: { select: { name: true } }, speaksFor: { select: { name: true } } },
  });
  const member = contact?.member ?? contact?.speaksFor;
  if (!member || contact?.aliasSetAt) return null;
  if (contact?.alias) return contact.alias;
  for (;;) {
    const alias = `${member.name}#${markerCode()}`;
    const taken = await db.wechatContact.count({ where: { alias } });
    if (taken > 0) continue;
    await db.wechatContact.update({ where: { id: contactId }, data: { alias } });
    return alias;
  }
}
