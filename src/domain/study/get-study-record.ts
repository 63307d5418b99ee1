import type { Db } from '../../db/client.ts';
import { zonedTime, localDay } from '../shared/local-day.ts';

export interface StudyRecord {
  /** 已学 confirmations in the current local calendar year. */
  confirmationsThisYear: number;
  /** Party books handed to the member (发书), ever. */
  books: number;
  latestBook: string | null;
  /** The member's graded quiz scores, newest first (at most 3). */
  quizScores: { title: string; score: number; questions: number }[];
}

/** 我的 and 已学: a member's online study this year and the books they were given. */
export async function getStudyRecord(db: Db, options: { memberId: number; now: Date; timeZone: string }): Promise<StudyRecord> {
  const { memberId, now, timeZone } = options;
  const year = Number(localDay(now, timeZone).slice(0, 4));
  const [confirmationsThisYear, books, latestBook, attempts] = await Promise.all([
    db.studyConfirmation.count({
      where: {
        memberId,
        at: { gte: zonedTime(`${year}-01-01`, 0, 0, timeZone), lt: zonedTime(`${year + 1}-01-01`, 0, 0, timeZone) },
      },
    }),
    db.bookHandout.count({ where: { memberId } }),
    db.bookHandout.findFirst({ where: { memberId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { title: true } }),
    db.quizAttempt.findMany({
      where: { memberId, graded: true, finishedAt: { not: null } },
      orderBy: { finishedAt: 'desc' },
      take: 3,
      select: { score: true, studyPack: { select: { title: true, _count: { select: { quizQuestions: true } } } } },
    }),
  ]);
  const quizScores = attempts.map((a) => ({ title: a.studyPack.title, score: a.score ?? 0, questions: a.studyPack._count.quizQuestions }));
  return { confirmationsThisYear, books, latestBook: latestBook?.title ?? null, quizScores };
}
