import type { Db } from '../../db/client.ts';
import type { ActivityStatus } from '../../generated/prisma/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface ActivityListRow {
  id: number;
  title: string;
  startsAt: Date;
  place: string;
  status: ActivityStatus;
  organizationPath: string;
  invited: number;
  delivered: number;
  rsvpYes: number;
  attended: number;
}

/** The console's activity list: opened and cancelled activities of an organisation and below, newest first, with their counts. */
export async function listActivities(db: Db, options: { organizationPath: string; limit: number }): Promise<ActivityListRow[]> {
  const rows = await db.$queryRaw<(Omit<ActivityListRow, 'organizationPath' | 'invited' | 'delivered' | 'rsvpYes' | 'attended'> & {
    organization_path: string; invited: bigint; delivered: bigint; rsvp_yes: bigint; attended: bigint;
  })[]>`
    SELECT a.id, a.title, a."startsAt", a.place, a.status, o.path AS organization_path,
      (SELECT count(DISTINCT d."memberId") FROM "Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId"
        WHERE b."activityId" = a.id AND b.kind = 'INVITATION' AND d."memberId" IS NOT NULL) AS invited,
      (SELECT count(DISTINCT d."memberId") FROM "Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId"
        WHERE b."activityId" = a.id AND b.kind = 'INVITATION' AND d."memberId" IS NOT NULL AND d.status = 'SENT') AS delivered,
      (SELECT count(*) FROM "Rsvp" r WHERE r."activityId" = a.id AND r.status = 'YES') AS rsvp_yes,
      (SELECT count(*) FROM "Attendance" t WHERE t."activityId" = a.id) AS attended
    FROM "Activity" a JOIN "Organization" o ON o.id = a."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)} AND a.status <> 'DRAFT'
    ORDER BY a."startsAt" DESC, a.id DESC
    LIMIT ${options.limit}`;
  return rows.map((row) => ({
    id: row.id, title: row.title, startsAt: row.startsAt, place: row.place, status: row.status, organizationPath: row.organization_path,
    invited: Number(row.invited), delivered: Number(row.delivered), rsvpYes: Number(row.rsvp_yes), attended: Number(row.attended),
  }));
}
