import type { Db } from '../../db/client.ts';
import { parseQuizAnswer } from './parse-quiz-answer.ts';

export type QuizAnswerResult =
  | { outcome: 'no-attempt' }
  | { outcome: 'partial'; title: string; remaining: number[] }
  | {
      outcome: 'finished';
      title: string;
      graded: boolean;
      score: number;
      total: number;
      wrong: { position: number; answer: string; explanation: string }[];
    };

/**
 * A member's reply to the quiz they were asked last: the answers are added to the open attempt; once
 * every question has one, it is graded (the score and the questions answered wrong are kept).
 */
export async function answerQuiz(db: Db, options: { memberId: number; text: string; now: Date }): Promise<QuizAnswerResult> {
  const { memberId, text, now } = options;
  const attempt = await db.quizAttempt.findFirst({
    where: { memberId, finishedAt: null },
    orderBy: { startedAt: 'desc' },
    select: { id: true, graded: true, answers: true, studyPack: { select: { title: true, quizQuestions: { orderBy: { position: 'asc' } } } } },
  });
  if (!attempt) return { outcome: 'no-attempt' };
  const { title, quizQuestions: questions } = attempt.studyPack;
  const answers = { ...(attempt.answers as Record<string, string>) };
  const nextPosition = questions.find((q) => !answers[q.position])?.position ?? 1;
  for (const [position, letters] of parseQuizAnswer(text, nextPosition)) {
    if (questions.some((q) => q.position === position)) answers[position] = letters;
  }
  const remaining = questions.filter((q) => !answers[q.position]).map((q) => q.position);
  if (remaining.length > 0) {
    await db.quizAttempt.update({ where: { id: attempt.id }, data: { answers } });
    return { outcome: 'partial', title, remaining };
  }
  const wrong = questions.filter((q) => answers[q.position] !== q.answer);
  await db.quizAttempt.update({
    where: { id: attempt.id },
    data: { answers, score: questions.length - wrong.length, wrong: wrong.map((q) => q.position), finishedAt: now },
  });
  return {
    outcome: 'finished',
    title,
    graded: attempt.graded,
    score: questions.length - wrong.length,
    total: questions.length,
    wrong: wrong.map(({ position, answer, explanation }) => ({ position, answer, explanation })),
  };
}
