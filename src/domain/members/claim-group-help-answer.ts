import type { Db } from '../../db/client.ts';

/**
 * Claims the right to answer 帮助 in a group chat: granted when the group was not answered
 * within `withinMs`, and recorded at once (one conditional update: two batches or two
 * processes answer once). A group the bot has not recorded yet is recorded, unlinked.
 */
export async function claimGroupHelpAnswer(db: Db, options: { roomId: string; at: Date; withinMs: number }): Promise<boolean> {
  const { roomId, at, withinMs } = options;
  await db.chatGroup.createMany({ data: [{ id: roomId }], skipDuplicates: true });
  const { count } = await db.chatGroup.updateMany({
    where: { id: roomId, OR: [{ helpAnsweredAt: null }, { helpAnsweredAt: { lte: new Date(at.getTime() - withinMs) } }] },
    data: { helpAnsweredAt: at },
  });
  return count === 1;
}
