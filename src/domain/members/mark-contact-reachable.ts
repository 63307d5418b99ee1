import type { Db } from '../../db/client.ts';

/** The member follows the official account again: their contact is reachable. True when it was not. */
export async function markContactReachable(db: Db, contactId: string): Promise<boolean> {
  const { count } = await db.wechatContact.updateMany({ where: { id: contactId, unreachableAt: { not: null } }, data: { unreachableAt: null } });
  return count > 0;
}
