import type { Db } from '../../db/client.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

/** Advisory lock key held while activity numbers are handed out or given back. */
const activityNumbersLock = 160_016;

/**
 * Holds the activity numbers for the rest of the transaction: previews are numbered one at a time, so
 * that a dropped preview's number can be given back (discardBroadcastPreview).
 */
export async function lockActivityNumbers(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${activityNumbersLock})`;
}

/**
 * 取消 after a preview: nothing is sent. A previewed activity is dropped — not kept as 已取消 — and
 * its number is given back when no later one was handed out, so the next activity gets it; a
 * previewed 通知, 学习包 or 投票 is marked discarded. Returns whether there was a preview to discard.
 */
export async function discardBroadcastPreview(db: Db, options: { secretaryId: number }): Promise<boolean> {
  const previews = await db.broadcast.findMany({
    where: { createdById: options.secretaryId, status: 'PREVIEW' },
    select: { id: true, activityId: true, studyPackId: true, pollId: true },
  });
  if (previews.length === 0) return false;
  const activityIds = previews.flatMap((p) => (p.activityId ? [p.activityId] : []));
  await db.$transaction(async (tx) => {
    await lockActivityNumbers(tx);
    await tx.broadcast.updateMany({ where: { id: { in: previews.map((p) => p.id) } }, data: { status: 'DISCARDED' } });
    await tx.studyPack.updateMany({
      where: { id: { in: previews.flatMap((p) => (p.studyPackId ? [p.studyPackId] : [])) }, status: 'DRAFT' },
      data: { status: 'DISCARDED' },
    });
    await tx.poll.updateMany({
      where: { id: { in: previews.flatMap((p) => (p.pollId ? [p.pollId] : [])) }, status: 'DRAFT' },
      data: { status: 'DISCARDED' },
    });
    if (activityIds.length === 0) return;
    await tx.broadcast.deleteMany({ where: { activityId: { in: activityIds }, status: 'DISCARDED' } });
    await tx.activity.deleteMany({ where: { id: { in: activityIds }, status: 'DRAFT' } });
    await tx.$executeRaw`
      SELECT setval(pg_get_serial_sequence('"Activity"', 'id'), COALESCE(max(id), 0) + 1, false) FROM "Activity"`;
  });
  return true;
}
