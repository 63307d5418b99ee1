import type { Db } from '../../db/client.ts';
import type { ActivityStatus } from '../../generated/prisma/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';
import { countActivityAnswers, type ActivityFigures } from './count-activity-answers.ts';

export interface ActivityListRow extends ActivityFigures {
  id: number;
  title: string;
  startsAt: Date;
  place: string;
  status: ActivityStatus;
  organizationPath: string;
}

/**
 * The console's activity list and the activities export: opened and cancelled activities of an
 * organisation and below, newest first, each with the figures 统计 <编号> shows (countActivityAnswers).
 */
export async function listActivities(db: Db, options: { organizationPath: string; limit: number }): Promise<ActivityListRow[]> {
  const rows = await db.$queryRaw<(Omit<ActivityListRow, 'organizationPath' | keyof ActivityFigures> & { organization_path: string })[]>`
    SELECT a.id, a.title, a."startsAt", a.place, a.status, o.path AS organization_path
    FROM "Activity" a JOIN "Organization" o ON o.id = a."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)} AND a.status <> 'DRAFT'
    ORDER BY a."startsAt" DESC, a.id DESC
    LIMIT ${options.limit}`;
  const figures = await countActivityAnswers(db, rows.map((row) => row.id));
  return rows.map(({ organization_path, ...row }) => ({ ...row, organizationPath: organization_path, ...figures.get(row.id)! }));
}
