import type { Db } from '../../db/client.ts';

/** 销假: ends the member's leave now; false when they were not on leave. The reason is forgotten. */
export async function endLeave(db: Db, options: { memberId: number; now: Date }): Promise<boolean> {
  const ended = await db.member.updateMany({
    where: { id: options.memberId, leaveUntil: { gt: options.now } },
    data: { leaveUntil: null, leaveReason: null },
  });
  return ended.count > 0;
}
