import type { Db } from '../../db/client.ts';

/** 已就业 <where>: the search ends; the wishes are forgotten (no longer needed), where they work is kept for 我的. */
export async function recordPlacement(db: Db, options: { memberId: number; note: string | null; now: Date }): Promise<'placed' | 'not-seeking'> {
  const { memberId, note, now } = options;
  const { count } = await db.jobSeeker.updateMany({
    where: { memberId, status: 'SEEKING' },
    data: { status: 'PLACED', placedAt: now, placedNote: note, wishes: [] },
  });
  return count > 0 ? 'placed' : 'not-seeking';
}
