import type { Db } from '../../db/client.ts';

/** 请假: the member is on leave until `until` (a new leave replaces the one running). */
export async function startLeave(db: Db, options: { memberId: number; until: Date; reason: string | null }): Promise<void> {
  await db.member.update({
    where: { id: options.memberId },
    data: { leaveUntil: options.until, leaveReason: options.reason },
  });
}
