import type { Db } from '../../db/client.ts';

/**
 * Polls past their deadline lose their secret: answers are refused from the deadline on anyway, and
 * without it no anonymous answer can be tied to a member any more. Returns how many were closed.
 */
export async function closePolls(db: Db, options: { now: Date }): Promise<number> {
  const { count } = await db.poll.updateMany({ where: { closesAt: { lte: options.now }, voterSecret: { not: null } }, data: { voterSecret: null } });
  return count;
}
