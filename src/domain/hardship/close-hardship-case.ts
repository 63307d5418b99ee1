import type { Db } from '../../db/client.ts';

/** 结案: closes the member's open hardship case; false when none is open. */
export async function closeHardshipCase(db: Db, options: { memberId: number; at: Date }): Promise<boolean> {
  const closed = await db.hardshipCase.updateMany({ where: { memberId: options.memberId, closedAt: null }, data: { closedAt: options.at } });
  return closed.count > 0;
}
