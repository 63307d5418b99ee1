import type { Db } from '../../db/client.ts';

/** 取消 after a preview: nothing is sent (a previewed 学习包 is dropped too). Returns whether there was a preview to discard. */
export async function discardBroadcastPreview(db: Db, options: { secretaryId: number }): Promise<boolean> {
  const previews = await db.broadcast.findMany({
    where: { createdById: options.secretaryId, status: 'PREVIEW' },
    select: { id: true, activityId: true, studyPackId: true },
  });
  if (previews.length === 0) return false;
  await db.$transaction([
    db.broadcast.updateMany({ where: { id: { in: previews.map((p) => p.id) } }, data: { status: 'DISCARDED' } }),
    db.activity.updateMany({
      where: { id: { in: previews.flatMap((p) => (p.activityId ? [p.activityId] : [])) }, status: 'DRAFT' },
      data: { status: 'CANCELLED' },
    }),
    db.studyPack.updateMany({
      where: { id: { in: previews.flatMap((p) => (p.studyPackId ? [p.studyPackId] : [])) }, status: 'DRAFT' },
      data: { status: 'DISCARDED' },
    }),
  ]);
  return true;
}
