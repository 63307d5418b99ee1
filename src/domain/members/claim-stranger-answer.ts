import type { Db } from '../../db/client.ts';

/**
 * Claims the right to answer a contact not bound to a member: granted when they were not
 * answered within `withinMs` (Infinity: never), and recorded at once. One conditional update,
 * so that two batches or two processes answer the contact once.
 */
export async function claimStrangerAnswer(db: Db, options: { contactId: string; at: Date; withinMs: number }): Promise<boolean> {
  const { contactId, at, withinMs } = options;
  const answeredLongAgo = Number.isFinite(withinMs) ? [{ bindPromptedAt: { lte: new Date(at.getTime() - withinMs) } }] : [];
  const { count } = await db.wechatContact.updateMany({
    where: { id: contactId, OR: [{ bindPromptedAt: null }, ...answeredLongAgo] },
    data: { bindPromptedAt: at },
  });
  return count === 1;
}
