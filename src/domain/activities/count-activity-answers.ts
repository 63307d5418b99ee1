import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';

/** The reason createBroadcastDeliveries writes for a member the bot cannot reach. */
const noWechatBound = 'no WeChat bound';

/** What chat (统计 <编号>), the console's activity pages and the activities export all show of an activity. */
export interface ActivityFigures {
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
  /** Members recorded at the activity (签到 <code> during its window). */
  attended: number;
  /** Invited members with no answer at all: neither 报名 nor 取消报名, and not there either (attending is an answer). */
  unanswered: number;
  /** Of those, how many have no bound WeChat (they never got the invitation). */
  unansweredUnreachable: number;
}

/**
 * One row per invited member of the given activities (an activity normally has one invitation broadcast;
 * should it have several, a member counts once and as delivered if any of them went out), with whether
 * they answered: 报名 or 取消报名, or attended.
 */
export function invitedMembersSql(activityIds: number[]): Prisma.Sql {
  return Prisma.sql`
    SELECT i.*,
      EXISTS (SELECT 1 FROM "Rsvp" r WHERE r."activityId" = i.activity_id AND r."memberId" = i.member_id)
        OR EXISTS (SELECT 1 FROM "Attendance" t WHERE t."activityId" = i.activity_id AND t."memberId" = i.member_id) AS answered
    FROM (
      SELECT b."activityId" AS activity_id, d."memberId" AS member_id,
             bool_or(d.status = 'SENT') AS sent,
             bool_or(d.status IN ('QUEUED', 'SENDING')) AS pending,
             bool_and(d.status = 'FAILED' AND coalesce(d.reason = ${noWechatBound}, false)) AS unbound
      FROM "Delivery" d
      JOIN "Broadcast" b ON b.id = d."broadcastId"
      WHERE b."activityId" = ANY(${activityIds}::int[]) AND b.kind = 'INVITATION' AND d."memberId" IS NOT NULL
      GROUP BY b."activityId", d."memberId"
    ) i`;
}

/**
 * The figures of each given activity, aggregated in SQL in one statement (an activity may invite
 * 10,000 members). Every activity asked for gets an entry, zeros when nobody was invited.
 */
export async function countActivityAnswers(db: Db, activityIds: number[]): Promise<Map<number, ActivityFigures>> {
  if (activityIds.length === 0) return new Map();
  const rows = await db.$queryRaw<
    {
      activity_id: number;
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
    WITH invited AS (${invitedMembersSql(activityIds)})
    SELECT a.id AS activity_id,
      count(i.member_id) AS invited,
      count(*) FILTER (WHERE i.sent) AS delivered,
      count(*) FILTER (WHERE NOT i.sent AND i.pending) AS pending,
      count(*) FILTER (WHERE NOT i.sent AND NOT i.pending AND i.unbound) AS unreachable,
      count(*) FILTER (WHERE NOT i.sent AND NOT i.pending AND NOT i.unbound) AS failed,
      count(*) FILTER (WHERE NOT i.answered) AS unanswered,
      count(*) FILTER (WHERE NOT i.answered AND i.unbound) AS unanswered_unreachable,
      (SELECT count(*) FROM "Rsvp" r WHERE r."activityId" = a.id AND r.status = 'YES') AS rsvp_yes,
      (SELECT count(*) FROM "Rsvp" r WHERE r."activityId" = a.id AND r.status = 'CANCELLED') AS rsvp_cancelled,
      (SELECT count(*) FROM "Attendance" t WHERE t."activityId" = a.id) AS attended
    FROM unnest(${activityIds}::int[]) AS a(id)
    LEFT JOIN invited i ON i.activity_id = a.id
    GROUP BY a.id`;
  return new Map(
    rows.map((row) => [
      row.activity_id,
      {
        invited: Number(row.invited),
        delivered: Number(row.delivered),
        unreachable: Number(row.unreachable),
        pending: Number(row.pending),
        failed: Number(row.failed),
        rsvpYes: Number(row.rsvp_yes),
        rsvpCancelled: Number(row.rsvp_cancelled),
        attended: Number(row.attended),
        unanswered: Number(row.unanswered),
        unansweredUnreachable: Number(row.unanswered_unreachable),
      },
    ]),
  );
}
