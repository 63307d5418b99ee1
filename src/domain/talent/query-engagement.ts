import type { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import type { EngagementParts } from './engagement-score.ts';

export interface EngagedMember extends EngagementParts {
  id: number;
  name: string;
  organizationPath: string;
  skills: string[];
  willingToServe: boolean;
}

/** Counts come back from PostgreSQL as bigint; minutes are turned into hours below. */
type RawEngagement = Omit<EngagedMember, keyof EngagementParts> & {
  checkInDays: bigint;
  studyConfirmed: bigint;
  activitiesAttended: bigint;
  serviceMinutes: bigint;
  suggestionsAdopted: bigint;
  quizCorrect: bigint;
};

/**
 * The parts of the engagement score since `since` for the members `filter` picks (SQL on m, the
 * member, and o, their organisation), by organisation and name — never by score. Each part is an
 * indexed count per member, so only the picked members are read.
 */
export async function queryEngagement(db: Db, options: { filter: Prisma.Sql; since: Date; limit: number }): Promise<EngagedMember[]> {
  const { filter, since } = options;
  const rows = await db.$queryRaw<RawEngagement[]>`
    SELECT m.id, m.name, o.path AS "organizationPath", COALESCE(m.skills, ARRAY[]::text[]) AS skills, m."willingToServe",
      (SELECT count(*) FROM "CheckIn" c WHERE c."memberId" = m.id AND c.at >= ${since}) AS "checkInDays",
      (SELECT count(*) FROM "StudyConfirmation" s WHERE s."memberId" = m.id AND s.at >= ${since}) AS "studyConfirmed",
      (SELECT count(*) FROM "Attendance" a WHERE a."memberId" = m.id AND a.at >= ${since}) AS "activitiesAttended",
      (SELECT COALESCE(sum(x."durationMinutes"), 0) FROM "Attendance" a JOIN "Activity" x ON x.id = a."activityId"
        WHERE a."memberId" = m.id AND a.at >= ${since}) AS "serviceMinutes",
      (SELECT count(*) FROM "Suggestion" g WHERE g."memberId" = m.id AND g."adoptedAt" >= ${since}) AS "suggestionsAdopted",
      (SELECT COALESCE(sum(q.score), 0) FROM "QuizAttempt" q WHERE q."memberId" = m.id AND q.graded AND q."finishedAt" >= ${since}) AS "quizCorrect"
    FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE ${filter}
    ORDER BY o.path, m.name, m.id
    LIMIT ${options.limit}`;
  return rows.map(({ serviceMinutes, ...row }) => ({
    ...row,
    checkInDays: Number(row.checkInDays),
    studyConfirmed: Number(row.studyConfirmed),
    activitiesAttended: Number(row.activitiesAttended),
    serviceHours: Math.round((Number(serviceMinutes) / 60) * 10) / 10,
    suggestionsAdopted: Number(row.suggestionsAdopted),
    quizCorrect: Number(row.quizCorrect),
  }));
}
