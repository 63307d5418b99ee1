import type { Db } from '../../db/client.ts';
import type { QuizQuestionView } from './quiz-text.ts';

export type QuizStart =
  | { outcome: 'no-quiz' | 'done' }
  | { outcome: 'started' | 'open'; graded: boolean; questions: QuizQuestionView[] };

/**
 * After 已学: the member's attempt at the pack's quiz — the graded one first; once it is finished, one
 * more for practice; after that none. An unfinished attempt is asked again (the questions not yet answered).
 */
export async function startQuizAttempt(db: Db, options: { studyPackId: number; memberId: number; now: Date }): Promise<QuizStart> {
  const { studyPackId, memberId, now } = options;
  const questions = await db.quizQuestion.findMany({ where: { studyPackId }, orderBy: { position: 'asc' }, select: { position: true, text: true, options: true } });
  if (questions.length === 0) return { outcome: 'no-quiz' };
  const attempts = await db.quizAttempt.findMany({ where: { studyPackId, memberId }, select: { graded: true, finishedAt: true, answers: true } });
  const open = attempts.find((attempt) => !attempt.finishedAt);
  if (open) {
    const answered = open.answers as Record<string, string>;
    return { outcome: 'open', graded: open.graded, questions: questions.filter((q) => !answered[q.position]) };
  }
  if (attempts.length >= 2) return { outcome: 'done' };
  const graded = attempts.length === 0;
  // The unique (pack, member, graded) key: a retried message starts nothing twice.
  await db.quizAttempt.createMany({ data: [{ studyPackId, memberId, graded, startedAt: now }], skipDuplicates: true });
  return { outcome: 'started', graded, questions };
}
