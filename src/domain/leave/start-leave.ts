import type { Db } from '../../db/client.ts';

/**
 * 请假: the member is on leave from `now` until `until`. A new leave replaces the one running, which
 * ends now in the history (LeaveRecord); the member row holds the leave in force.
 */
export async function startLeave(db: Db, options: { memberId: number; until: Date; reason: string | null; now: Date }): Promise<void> {
  const { memberId, until, reason, now } = options;
  await db.$transaction([
    db.leaveRecord.updateMany({ where: { memberId, until: { gt: now }, endedAt: null }, data: { endedAt: now } }),
    db.leaveRecord.create({ data: { memberId, startedAt: now, until, reason } }),
    db.member.update({ where: { id: memberId }, data: { leaveUntil: until, leaveReason: reason } }),
  ]);
}
