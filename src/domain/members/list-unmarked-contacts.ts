import type { Db } from '../../db/client.ts';

/** Contacts bound to a member (or speaking for one) through this account whose remark (备注) is not set yet. */
export async function listUnmarkedContacts(db: Db, account: string): Promise<string[]> {
  const rows = await db.wechatContact.findMany({
    where: { OR: [{ memberId: { not: null } }, { speaksForId: { not: null } }], account, aliasSetAt: null },
    select: { id: true },
    orderBy: { boundAt: 'asc' },
  });
  return rows.map((row) => row.id);
}
