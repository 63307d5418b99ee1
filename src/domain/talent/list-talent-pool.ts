import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';
import { queryEngagement, type EngagedMember } from './query-engagement.ts';

/** 人才库: members of the organisation and below willing to serve back home (愿意 回村任职), optionally with a skill, and their figures over 12 months. */
export async function listTalentPool(
  db: Db,
  options: { organizationPath: string; skill: string | null; now: Date; limit: number },
): Promise<EngagedMember[]> {
  const { organizationPath, skill, now } = options;
  const withSkill = skill ? Prisma.sql`AND ${skill} = ANY (m.skills)` : Prisma.empty;
  return queryEngagement(db, {
    filter: Prisma.sql`${withinOrganizationSql('o.path', organizationPath)} AND m."willingToServe" ${withSkill}`,
    since: twelveMonthsBefore(now),
    limit: options.limit,
  });
}

/** The start of the score's window: the same day a year ago. */
export function twelveMonthsBefore(now: Date): Date {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  return since;
}
