import type { Db } from '../../db/client.ts';

export interface LeaveHistoryEntry {
  startedAt: Date;
  until: Date;
  /** When it ended before `until` (销假, or replaced by a new leave). */
  endedAt: Date | null;
  reason: string | null;
  /** In force at `now`. */
  current: boolean;
}

/** A member's leaves, newest first: the one in force (if any) and those past. */
export async function listLeaveHistory(db: Db, options: { memberId: number; now: Date; limit: number }): Promise<LeaveHistoryEntry[]> {
  const rows = await db.leaveRecord.findMany({
    where: { memberId: options.memberId },
    select: { startedAt: true, until: true, endedAt: true, reason: true },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: options.limit,
  });
  return rows.map((row) => ({ ...row, current: row.endedAt === null && row.until > options.now && row.startedAt <= options.now }));
}
