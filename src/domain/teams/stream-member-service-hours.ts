import type { Db } from '../../db/client.ts';
import { idBatches } from '../shared/keyset-batches.ts';
import { localYear } from '../shared/local-year.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface MemberServiceHoursRow {
  id: number;
  name: string;
  organizationPath: string;
  /** The volunteer teams the member is in, 、-separated. */
  teams: string;
  activities: number;
  hours: number;
}

/**
 * 志愿服务时长 per member: the members of an organisation and below who are in a volunteer team or
 * attended an activity this (local) year, each attendance crediting the activity's 时长 as 我的 counts
 * it; in keyset batches.
 */
export function streamMemberServiceHours(
  db: Db,
  options: { organizationPath: string; now: Date; timeZone: string; batchSize?: number },
): AsyncGenerator<MemberServiceHoursRow[]> {
  const { from, to } = localYear(options.now, options.timeZone);
  return idBatches(
    (after, limit) => db.$queryRaw<MemberServiceHoursRow[]>`
      SELECT m.id, m.name, o.path AS "organizationPath",
        array_to_string(ARRAY(SELECT t FROM unnest(m.tags) t WHERE EXISTS (SELECT 1 FROM "VolunteerTeam" v WHERE v.name = t)), '、') AS teams,
        s.activities, s.minutes / 60.0::float8 AS hours
      FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS activities, COALESCE(sum(a."durationMinutes"), 0)::float8 AS minutes
        FROM "Attendance" x JOIN "Activity" a ON a.id = x."activityId"
        WHERE x."memberId" = m.id AND x.at >= ${from} AND x.at < ${to}) s
      WHERE m.id > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
        AND (s.activities > 0 OR EXISTS (SELECT 1 FROM unnest(m.tags) t JOIN "VolunteerTeam" v ON v.name = t))
      ORDER BY m.id
      LIMIT ${limit}`,
    options.batchSize,
  );
}
