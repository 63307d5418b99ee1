import { Prisma } from '../../generated/prisma/client.ts';
import type { ActivityStatus } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import { namesShown } from '../shared/name-list.ts';
import { isRowId } from '../shared/row-id.ts';

/** The reason createBroadcastDeliveries writes for a member the bot cannot reach. */
const noWechatBound = 'no WeChat bound';

export interface ActivityStats {
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
  /** Members with a delivery of the activity's invitation (group chats are not counted). */
  invited: number;
  /** Invited members whose invitation went out (SENT). */
  delivered: number;
  /** Invited members the bot cannot reach: no bound WeChat. */
  unreachable: number;
  /** Invitations still waiting in the outbox (QUEUED / SENDING). */
  pending: number;
  /** Invitations that failed for another reason (e.g. dropped after a cancellation, send error). */
  failed: number;
  /** 报名 (RSVP YES). */
  rsvpYes: number;
  /** 取消报名 (RSVP CANCELLED). */
  rsvpCancelled: number;
  /** Members recorded at the activity (签到 during its window). */
  attended: number;
  /** Invited members with no answer at all (neither 报名 nor 取消报名). */
  unanswered: number;
  /** Of those, how many have no bound WeChat (they never got the invitation). */
  unansweredUnreachable: number;
  /** Names of unanswered members, by name, at most `nameLimit`. */
  unansweredNames: string[];
}

/**
 * 统计 <编号>: invitation, answer and attendance counts of one activity, and who has not
 * answered. Counts are aggregated in SQL (an activity may invite 10,000 members); only the
 * capped list of names is read into memory. Null when there is no such activity.
 * Whoever calls this decides whether the asker may see it (canManageOrganization).
 */
export async function getActivityStats(
  db: Db,
  options: { activityId: number; nameLimit?: number },
): Promise<ActivityStats | null> {
  const { activityId, nameLimit = namesShown } = options;
  if (!isRowId(activityId)) return null;
  const activity = await db.activity.findUnique({
    where: { id: activityId },
    select: { id: true, title: true, startsAt: true, place: true, checkInCode: true, status: true, organization: { select: { path: true } } },
  });
  if (!activity) return null;

  // One row per invited member (an activity normally has one invitation broadcast; should it
  // have several, a member counts once and as delivered if any of them went out).
  const invited = Prisma.sql`
    SELECT d."memberId" AS member_id,
           bool_or(d.status = 'SENT') AS sent,
           bool_or(d.status IN ('QUEUED', 'SENDING')) AS pending,
           bool_and(d.status = 'FAILED' AND coalesce(d.reason = ${noWechatBound}, false)) AS unbound
    FROM "Delivery" d
    JOIN "Broadcast" b ON b.id = d."broadcastId"
    WHERE b."activityId" = ${activityId} AND b.kind = 'INVITATION' AND d."memberId" IS NOT NULL
    GROUP BY d."memberId"`;

  const [counts, names] = await Promise.all([
    db.$queryRaw<
      {
        invited: bigint;
        delivered: bigint;
        pending: bigint;
        unreachable: bigint;
        failed: bigint;
        unanswered: bigint;
        unanswered_unreachable: bigint;
        rsvp_yes: bigint;
        rsvp_cancelled: bigint;
        attended: bigint;
      }[]
    >`
      WITH invited AS (${invited})
      SELECT
        count(*) AS invited,
        count(*) FILTER (WHERE i.sent) AS delivered,
        count(*) FILTER (WHERE NOT i.sent AND i.pending) AS pending,
        count(*) FILTER (WHERE NOT i.sent AND NOT i.pending AND i.unbound) AS unreachable,
        count(*) FILTER (WHERE NOT i.sent AND NOT i.pending AND NOT i.unbound) AS failed,
        count(*) FILTER (WHERE r."memberId" IS NULL) AS unanswered,
        count(*) FILTER (WHERE r."memberId" IS NULL AND i.unbound) AS unanswered_unreachable,
        (SELECT count(*) FROM "Rsvp" WHERE "activityId" = ${activityId} AND status = 'YES') AS rsvp_yes,
        (SELECT count(*) FROM "Rsvp" WHERE "activityId" = ${activityId} AND status = 'CANCELLED') AS rsvp_cancelled,
        (SELECT count(*) FROM "Attendance" WHERE "activityId" = ${activityId}) AS attended
      FROM invited i
      LEFT JOIN "Rsvp" r ON r."activityId" = ${activityId} AND r."memberId" = i.member_id`,
    db.$queryRaw<{ name: string }[]>`
      WITH invited AS (${invited})
      SELECT m.name
      FROM invited i
      JOIN "Member" m ON m.id = i.member_id
      WHERE NOT EXISTS (SELECT 1 FROM "Rsvp" r WHERE r."activityId" = ${activityId} AND r."memberId" = i.member_id)
      ORDER BY m.name, m.id
      LIMIT ${nameLimit}`,
  ]);
  const row = counts[0];
  const count = (value: bigint | undefined) => Number(value ?? 0);
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
    invited: count(row?.invited),
    delivered: count(row?.delivered),
    unreachable: count(row?.unreachable),
    pending: count(row?.pending),
    failed: count(row?.failed),
    rsvpYes: count(row?.rsvp_yes),
    rsvpCancelled: count(row?.rsvp_cancelled),
    attended: count(row?.attended),
    unanswered: count(row?.unanswered),
    unansweredUnreachable: count(row?.unanswered_unreachable),
    unansweredNames: names.map((name) => name.name),
  };
}
