import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface UpcomingActivity {
  id: number;
  title: string;
  startsAt: Date;
  rsvpYes: number;
}

/** Open activities of an organisation and below starting in the next `days` days, soonest first, with their 报名 counts. */
export async function listUpcomingActivities(db: Db, options: { organizationPath: string; now: Date; days: number }): Promise<UpcomingActivity[]> {
  const { now } = options;
  const upcoming = await db.$queryRaw<{ id: number; title: string; startsAt: Date; rsvp_yes: bigint }[]>`
    SELECT a.id, a.title, a."startsAt",
      (SELECT count(*) FROM "Rsvp" r WHERE r."activityId" = a.id AND r.status = 'YES') AS rsvp_yes
    FROM "Activity" a JOIN "Organization" o ON o.id = a."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)} AND a.status = 'OPEN' AND a."startsAt" > ${now}
      AND a."startsAt" < ${new Date(now.getTime() + options.days * 24 * 3600_000)}
    ORDER BY a."startsAt" LIMIT 10`;
  return upcoming.map((a) => ({ id: a.id, title: a.title, startsAt: a.startsAt, rsvpYes: Number(a.rsvp_yes) }));
}
