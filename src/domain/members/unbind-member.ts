import type { Db } from '../../db/client.ts';

/**
 * 解绑: frees a member from the WeChat bound to them, and from the one that spoke for them on their other
 * channel. Returns the contact that reached them, or null when none was bound.
 */
export async function unbindMember(db: Db, options: { memberId: number }): Promise<{ contactId: string } | null> {
  await db.wechatContact.updateMany({ where: { speaksForId: options.memberId }, data: { speaksForId: null, boundAt: null } });
  const contact = await db.wechatContact.findUnique({ where: { memberId: options.memberId }, select: { id: true } });
  if (!contact) return null;
  const { count } = await db.wechatContact.updateMany({
    where: { id: contact.id, memberId: options.memberId },
    data: { memberId: null, boundAt: null },
  });
  return count > 0 ? { contactId: contact.id } : null;
}
