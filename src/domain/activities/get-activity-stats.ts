import type { ActivityStatus } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import { isRowId } from '../shared/row-id.ts';
import { countActivityAnswers, invitedMembersSql, type ActivityFigures } from './count-activity-answers.ts';

export interface ActivityStats extends ActivityFigures {
  activity: {
    id: number;
    title: string;
    startsAt: Date;
    place: string;
    /** 现场签到码, for the secretary to read out on site. */
    checkInCode: string;
    status: ActivityStatus;
    organizationPath: string;
  };
  /** Who said 报名, who attended, and the invited who have not answered, each by name, at most `nameLimit`. */
  rsvpNames: string[];
  attendedNames: string[];
  unansweredNames: string[];
}

/**
 * 统计 <编号> and the console's activity page: the activity's figures (countActivityAnswers, as the
 * activity list and the export count them) and each group by name. Only the names asked for are read
 * into memory (`nameLimit`; null: all of them). Null when there is no such activity.
 * Whoever calls this decides whether the asker may see it (canManageOrganization).
 */
export async function getActivityStats(
  db: Db,
  options: { activityId: number; nameLimit: number | null },
): Promise<ActivityStats | null> {
  const { activityId, nameLimit } = options;
  if (!isRowId(activityId)) return null;
  const activity = await db.activity.findUnique({
    where: { id: activityId },
    select: { id: true, title: true, startsAt: true, place: true, checkInCode: true, status: true, organization: { select: { path: true } } },
  });
  if (!activity) return null;

  const names = (rows: { name: string }[]) => rows.map((row) => row.name);
  const [figures, rsvpNames, attendedNames, unansweredNames] = await Promise.all([
    countActivityAnswers(db, [activityId]),
    db.$queryRaw<{ name: string }[]>`
      SELECT m.name FROM "Rsvp" r JOIN "Member" m ON m.id = r."memberId"
      WHERE r."activityId" = ${activityId} AND r.status = 'YES'
      ORDER BY m.name, m.id LIMIT ${nameLimit}`,
    db.$queryRaw<{ name: string }[]>`
      SELECT m.name FROM "Attendance" t JOIN "Member" m ON m.id = t."memberId"
      WHERE t."activityId" = ${activityId}
      ORDER BY m.name, m.id LIMIT ${nameLimit}`,
    db.$queryRaw<{ name: string }[]>`
      WITH invited AS (${invitedMembersSql([activityId])})
      SELECT m.name FROM invited i JOIN "Member" m ON m.id = i.member_id
      WHERE NOT i.answered
      ORDER BY m.name, m.id LIMIT ${nameLimit}`,
  ]);
  return {
    activity: {
      id: activity.id,
      title: activity.title,
      startsAt: activity.startsAt,
      place: activity.place,
      checkInCode: activity.checkInCode,
      status: activity.status,
      organizationPath: activity.organization.path,
    },
    ...figures.get(activityId)!,
    rsvpNames: names(rsvpNames),
    attendedNames: names(attendedNames),
    unansweredNames: names(unansweredNames),
  };
}
