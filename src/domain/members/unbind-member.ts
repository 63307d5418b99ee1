import type { Db } from '../../db/client.ts';

/** 解绑: frees a member from the WeChat bound to them. Returns that contact, or null when none was bound. */
export async function unbindMember(db: Db, options: { memberId: number }): Promise<{ contactId: string } | null> {
  const contact = await db.wechatContact.findUnique({ where: { memberId: options.memberId }, select: { id: true } });
  if (!contact) return null;
  const { count } = await db.wechatContact.updateMany({
    where: { id: contact.id, memberId: options.memberId },
    data: { memberId: null, boundAt: null },
  });
  return count > 0 ? { contactId: contact.id } : null;
}
