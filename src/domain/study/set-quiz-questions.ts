import type { Db } from '../../db/client.ts';
import { isWithinOrganization } from '../shared/organization-scope.ts';
import type { QuizQuestionInput } from './parse-quiz.ts';

/**
 * A pack's quiz, replaced whole (the CLI and the console's 学习 page); none once members have begun
 * answering it. With `scopePath` (the console) a pack of another organisation is not found.
 */
export async function setQuizQuestions(
  db: Db,
  options: { studyPackId: number; questions: QuizQuestionInput[]; scopePath?: string },
): Promise<'saved' | 'already-answered' | 'not-found'> {
  const { studyPackId, questions, scopePath } = options;
  const pack = await db.studyPack.findUnique({ where: { id: studyPackId }, select: { status: true, organization: { select: { path: true } } } });
  if (!pack || pack.status === 'DISCARDED' || (scopePath !== undefined && !isWithinOrganization(pack.organization.path, scopePath))) return 'not-found';
  if ((await db.quizAttempt.count({ where: { studyPackId } })) > 0) return 'already-answered';
  await db.$transaction([
    db.quizQuestion.deleteMany({ where: { studyPackId } }),
    db.quizQuestion.createMany({ data: questions.map((question, i) => ({ ...question, studyPackId, position: i + 1 })) }),
  ]);
  return 'saved';
}
