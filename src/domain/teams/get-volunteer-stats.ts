import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';
import { localYear } from '../shared/local-year.ts';

export interface TeamStats {
  name: string;
  organizationPath: string;
  members: number;
  /** Members who attended at least one of the team's activities (活动@队名) this year. */
  active: number;
  /** Service hours its members earned at the team's activities this year. */
  hours: number;
}

/**
 * 志愿统计: per team of the organisation and below, its members, the active ones and their hours this
 * year. A team's activities are those addressed to it (活动@队名); its members are those of the team's
 * organisation and below who carry its name. One query, whatever the size of the tree.
 */
export async function getVolunteerStats(db: Db, options: { organizationPath: string; now: Date; timeZone: string }): Promise<TeamStats[]> {
  const { from, to } = localYear(options.now, options.timeZone);
  const rows = await db.$queryRaw<{ name: string; organizationPath: string; members: bigint; active: bigint; minutes: bigint | null }[]>`
    SELECT t.name, o.path AS "organizationPath", count(DISTINCT m.id) AS members,
      count(DISTINCT at."memberId") AS active, sum(a."durationMinutes") AS minutes
    FROM "VolunteerTeam" t
    JOIN "Organization" o ON o.id = t."organizationId"
    LEFT JOIN "Organization" mo ON (mo.path = o.path OR starts_with(mo.path, o.path || '/'))
    LEFT JOIN "Member" m ON m."organizationId" = mo.id AND t.name = ANY (m.tags)
    LEFT JOIN "Attendance" at ON at."memberId" = m.id AND at.at >= ${from} AND at.at < ${to}
      AND EXISTS (SELECT 1 FROM "Activity" x WHERE x.id = at."activityId" AND x."targetTag" = t.name)
    LEFT JOIN "Activity" a ON a.id = at."activityId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)}
    GROUP BY t.id, t.name, o.path
    ORDER BY o.path, t.name`;
  return rows.map((row) => ({
    name: row.name,
    organizationPath: row.organizationPath,
    members: Number(row.members),
    active: Number(row.active),
    hours: Number(row.minutes ?? 0) / 60,
  }));
}
