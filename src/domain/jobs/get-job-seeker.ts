import type { Db } from '../../db/client.ts';

/** 我的: the member's job search, if they ever registered one. */
export async function getJobSeeker(db: Db, options: { memberId: number }) {
  return db.jobSeeker.findUnique({ where: { memberId: options.memberId }, select: { status: true, wishes: true, placedNote: true } });
}
