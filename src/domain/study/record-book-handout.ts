import type { Db } from '../../db/client.ts';

/**
 * 发书: a party book handed to a member ("线下学习"), recorded by a secretary. `at` is the
 * message's time, so a retried intake batch finds the record instead of writing a second one.
 * Returns how many books the member has been given in all.
 */
export async function recordBookHandout(
  db: Db,
  options: { memberId: number; title: string; recordedById: number; at: Date },
): Promise<{ books: number }> {
  const { memberId, title, recordedById, at } = options;
  const existing = await db.bookHandout.findFirst({ where: { memberId, title, recordedById, at }, select: { id: true } });
  if (!existing) await db.bookHandout.create({ data: { memberId, title, recordedById, at } });
  return { books: await db.bookHandout.count({ where: { memberId } }) };
}
