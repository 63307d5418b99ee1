import type { Db } from '../../db/client.ts';
import { zonedTime, localDay } from '../shared/local-day.ts';

export interface StudyRecord {
  /** 已学 confirmations in the current local calendar year. */
  confirmationsThisYear: number;
  /** Party books handed to the member (发书), ever. */
  books: number;
  latestBook: string | null;
}

/** 我的 and 已学: a member's online study this year and the books they were given. */
export async function getStudyRecord(db: Db, options: { memberId: number; now: Date; timeZone: string }): Promise<StudyRecord> {
  const { memberId, now, timeZone } = options;
  const year = Number(localDay(now, timeZone).slice(0, 4));
  const [confirmationsThisYear, books, latestBook] = await Promise.all([
    db.studyConfirmation.count({
      where: {
        memberId,
        at: { gte: zonedTime(`${year}-01-01`, 0, 0, timeZone), lt: zonedTime(`${year + 1}-01-01`, 0, 0, timeZone) },
      },
    }),
    db.bookHandout.count({ where: { memberId } }),
    db.bookHandout.findFirst({ where: { memberId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { title: true } }),
  ]);
  return { confirmationsThisYear, books, latestBook: latestBook?.title ?? null };
}
