import type { Db } from '../../db/client.ts';
import type { QuizQuestionInput } from './parse-quiz.ts';

/** A pack's quiz, replaced whole (the CLI and the console's 学习 page); none once members have begun answering it. */
export async function setQuizQuestions(db: Db, options: { studyPackId: number; questions: QuizQuestionInput[] }): Promise<'saved' | 'already-answered'> {
  const { studyPackId, questions } = options;
  if ((await db.quizAttempt.count({ where: { studyPackId } })) > 0) return 'already-answered';
  await db.$transaction([
    db.quizQuestion.deleteMany({ where: { studyPackId } }),
    db.quizQuestion.createMany({ data: questions.map((question, i) => ({ ...question, studyPackId, position: i + 1 })) }),
  ]);
  return 'saved';
}
