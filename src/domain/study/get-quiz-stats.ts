import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface QuizStats {
  studyPackId: number;
  questions: number;
  /** Members of the organisation (and below) who finished the graded attempt. */
  answered: number;
  averageScore: number;
  /** The question most of them got wrong (null when nobody got one wrong). */
  mostWrong: { position: number; text: string; wrong: number } | null;
}

/**
 * Per pack with a quiz: graded attempts finished by members of the organisation and below, their
 * average score and the question most got wrong. Two aggregate queries for any number of packs.
 */
export async function getQuizStats(db: Db, options: { organizationPath: string; studyPackIds: number[] }): Promise<Map<number, QuizStats>> {
  const { organizationPath, studyPackIds } = options;
  if (studyPackIds.length === 0) return new Map();
  const from = Prisma.sql`"QuizAttempt" a JOIN "Member" m ON m.id = a."memberId" JOIN "Organization" o ON o.id = m."organizationId"`;
  const graded = Prisma.sql`
    a."studyPackId" = ANY (${studyPackIds}::int[]) AND a.graded AND a."finishedAt" IS NOT NULL
    AND ${withinOrganizationSql('o.path', organizationPath)}`;
  const [totals, wrongs, questions] = await Promise.all([
    db.$queryRaw<{ pack: number; answered: bigint; average: number }[]>`
      SELECT a."studyPackId" AS pack, count(*) AS answered, avg(a.score)::float AS average FROM ${from} WHERE ${graded} GROUP BY 1`,
    db.$queryRaw<{ pack: number; position: number; wrong: bigint }[]>`
      SELECT DISTINCT ON (pack) pack, position, wrong FROM (
        SELECT a."studyPackId" AS pack, w.position, count(*) AS wrong
        FROM ${from} CROSS JOIN LATERAL unnest(a.wrong) AS w(position) WHERE ${graded} GROUP BY 1, 2) t
      ORDER BY pack, wrong DESC, position`,
    db.quizQuestion.findMany({ where: { studyPackId: { in: studyPackIds } }, select: { studyPackId: true, position: true, text: true } }),
  ]);
  const stats = new Map<number, QuizStats>();
  for (const id of studyPackIds) {
    const ofPack = questions.filter((q) => q.studyPackId === id);
    if (ofPack.length === 0) continue;
    const total = totals.find((row) => row.pack === id);
    const worst = wrongs.find((row) => row.pack === id);
    const worstQuestion = worst && ofPack.find((q) => q.position === worst.position);
    stats.set(id, {
      studyPackId: id,
      questions: ofPack.length,
      answered: Number(total?.answered ?? 0),
      averageScore: total?.average ?? 0,
      mostWrong: worst && worstQuestion ? { position: worst.position, text: worstQuestion.text, wrong: Number(worst.wrong) } : null,
    });
  }
  return stats;
}
