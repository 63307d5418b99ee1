import type { Db } from '../../db/client.ts';

/** 报名 / 取消报名: records the member's answer and returns the one it replaced (null if none). */
export async function recordRsvp(
  db: Db,
  options: { activityId: number; memberId: number; status: 'YES' | 'CANCELLED'; at: Date },
): Promise<'YES' | 'CANCELLED' | null> {
  const { activityId, memberId, status, at } = options;
  const key = { activityId_memberId: { activityId, memberId } };
  const previous = await db.rsvp.findUnique({ where: key, select: { status: true } });
  await db.rsvp.upsert({ where: key, create: { activityId, memberId, status, answeredAt: at }, update: { status, answeredAt: at } });
  return previous?.status ?? null;
}
