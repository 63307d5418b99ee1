import type { Db } from '../../db/client.ts';

/**
 * 销假: ends the member's leave now; false when they were not on leave. The member row forgets the
 * reason; the history (LeaveRecord) keeps the leave with the day it really ended.
 */
export async function endLeave(db: Db, options: { memberId: number; now: Date }): Promise<boolean> {
  const { memberId, now } = options;
  return db.$transaction(async (tx) => {
    const ended = await tx.member.updateMany({ where: { id: memberId, leaveUntil: { gt: now } }, data: { leaveUntil: null, leaveReason: null } });
    if (ended.count === 0) return false;
    await tx.leaveRecord.updateMany({ where: { memberId, until: { gt: now }, endedAt: null }, data: { endedAt: now } });
    return true;
  });
}
