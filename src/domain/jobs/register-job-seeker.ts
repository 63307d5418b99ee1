import type { Db } from '../../db/client.ts';

/**
 * 返乡 / 求职 <wishes>: the member is looking for work. Wishes given replace the earlier ones; 返乡
 * alone keeps them. Registering again after 已就业 starts a new search, counted from now.
 */
export async function registerJobSeeker(db: Db, options: { memberId: number; wishes: string[] | null; now: Date }): Promise<void> {
  const { memberId, wishes, now } = options;
  const restart = { status: 'SEEKING' as const, since: now, placedAt: null, placedNote: null };
  await db.$transaction([
    db.jobSeeker.updateMany({ where: { memberId, status: 'PLACED' }, data: restart }),
    db.jobSeeker.upsert({
      where: { memberId },
      create: { memberId, status: 'SEEKING', wishes: wishes ?? [], since: now },
      update: wishes ? { wishes } : {},
    }),
  ]);
}
