import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import { seekerMatchesSql } from '../jobs/seeker-matches-sql.ts';
import { inFlockSql } from '../shared/organization-scope.ts';

/**
 * Who a broadcast goes to:
 * - organization: every member of its organisation and sub-organisations (with its target tag,
 *   if any; its own secretaries and admins aside, see inFlockSql), in direct chats, and — when
 *   untargeted — the linked group chats;
 * - rsvp-yes: members who said 报名 to its activity (reminders, cancellation);
 * - unanswered: members invited to its activity who have not answered (the one follow-up);
 * - study-unconfirmed: members who were sent its study pack and have not said 已学 (the one reminder);
 * - job-seekers: the job seekers of its organisation and below whom its 岗位 matches;
 * - poll-recipients: members who were sent its poll (narrowed by `onlyMembers` to those who have not answered,
 *   which only the poll's secret tells: see voterKey).
 */
export type Audience = 'organization' | 'rsvp-yes' | 'unanswered' | 'study-unconfirmed' | 'job-seekers' | 'poll-recipients';

/**
 * Writes one Delivery row per recipient in a single statement per kind (a 10,000-member
 * broadcast is one INSERT … SELECT) and returns the ids to queue. Members without a bound
 * WeChat (or whose official-account contact unfollowed) get a FAILED row, so reports show who the bot cannot reach. Safe to repeat: the
 * unique (broadcast, member) and (broadcast, conversation) keys skip rows already there.
 * `groupChats: false` keeps an organisation broadcast out of the linked group chats (study packs).
 */
export async function createBroadcastDeliveries(
  db: Db,
  options: { broadcastId: number; audience: Audience; capped: boolean; groupChats?: boolean; onlyMembers?: number[] },
): Promise<number[]> {
  const { broadcastId, audience, capped, groupChats = true, onlyMembers = null } = options;
  await db.$executeRaw`
    INSERT INTO "Delivery" ("broadcastId", "memberId", "conversationId", capped, status, reason)
    SELECT ${broadcastId}, r.member_id, r.conversation_id, ${capped}, r.status::"DeliveryStatus", r.reason
    FROM (${broadcastRecipientsSql(broadcastId, audience)}) r
    WHERE ${onlyMembers}::int[] IS NULL OR r.member_id = ANY (${onlyMembers}::int[])
    ON CONFLICT DO NOTHING`;
  if ((audience === 'organization' || audience === 'job-seekers') && groupChats) {
    await db.$executeRaw`
      INSERT INTO "Delivery" ("broadcastId", "memberId", "conversationId", capped)
      SELECT b.id, NULL, g.id, false
      FROM "Broadcast" b
      JOIN "Organization" root ON root.id = b."organizationId"
      JOIN "Organization" o ON (o.path = root.path OR starts_with(o.path, root.path || '/'))
      JOIN "ChatGroup" g ON g."organizationId" = o.id
      WHERE b.id = ${broadcastId} AND b."targetTag" IS NULL
      ON CONFLICT DO NOTHING`;
  }
  const queued = await db.delivery.findMany({
    where: { broadcastId, status: 'QUEUED' },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return queued.map((delivery) => delivery.id);
}

/**
 * The members a broadcast goes to, each with their contact and whether it can reach them: the rows
 * its deliveries are written from, and what the preview's forecast reads before they exist.
 * Columns: member_id, conversation_id, status ('QUEUED' or 'FAILED'), reason.
 */
export function broadcastRecipientsSql(broadcastId: number, audience: Audience): Prisma.Sql {
  return Prisma.sql`
    SELECT m.id AS member_id, c.id AS conversation_id,
           CASE WHEN c.id IS NULL OR c."unreachableAt" IS NOT NULL THEN 'FAILED' ELSE 'QUEUED' END AS status,
           CASE WHEN c.id IS NULL THEN 'no WeChat bound' WHEN c."unreachableAt" IS NOT NULL THEN 'unreachable: unfollowed the official account or refuses its messages' END AS reason
    FROM "Member" m
    LEFT JOIN "WechatContact" c ON c."memberId" = m.id
    WHERE m.id IN (${audienceMembers(broadcastId, audience)})`;
}

function audienceMembers(broadcastId: number, audience: Audience): Prisma.Sql {
  switch (audience) {
    case 'organization':
      return Prisma.sql`
        SELECT m.id FROM "Broadcast" b
        JOIN "Organization" root ON root.id = b."organizationId"
        JOIN "Organization" o ON (o.path = root.path OR starts_with(o.path, root.path || '/'))
        JOIN "Member" m ON m."organizationId" = o.id
        WHERE b.id = ${broadcastId} AND (b."targetTag" IS NULL OR b."targetTag" = ANY (m.tags))
          AND ${inFlockSql('m', Prisma.sql`o.id = root.id`)}`;
    case 'job-seekers':
      return Prisma.sql`
        SELECT m.id FROM "Broadcast" b
        JOIN "JobPost" jp ON jp.id = b."jobPostId"
        JOIN "Organization" root ON root.id = b."organizationId"
        JOIN "Organization" o ON (o.path = root.path OR starts_with(o.path, root.path || '/'))
        JOIN "Member" m ON m."organizationId" = o.id
        JOIN "JobSeeker" js ON js."memberId" = m.id
        WHERE b.id = ${broadcastId} AND ${seekerMatchesSql(Prisma.sql`jp.keywords`)}
          AND ${inFlockSql('m', Prisma.sql`o.id = root.id`)}`;
    case 'rsvp-yes':
      return Prisma.sql`
        SELECT r."memberId" FROM "Broadcast" b JOIN "Rsvp" r ON r."activityId" = b."activityId"
        WHERE b.id = ${broadcastId} AND r.status = 'YES'`;
    case 'unanswered':
      return Prisma.sql`
        SELECT d."memberId" FROM "Broadcast" b
        JOIN "Broadcast" invitation ON invitation."activityId" = b."activityId" AND invitation.kind = 'INVITATION'
        JOIN "Delivery" d ON d."broadcastId" = invitation.id AND d."memberId" IS NOT NULL
        WHERE b.id = ${broadcastId}
          AND NOT EXISTS (SELECT 1 FROM "Rsvp" r WHERE r."activityId" = b."activityId" AND r."memberId" = d."memberId")`;
    case 'poll-recipients':
      return Prisma.sql`
        SELECT d."memberId" FROM "Broadcast" b
        JOIN "Broadcast" poll ON poll."pollId" = b."pollId" AND poll.kind = 'POLL'
        JOIN "Delivery" d ON d."broadcastId" = poll.id AND d."memberId" IS NOT NULL
        WHERE b.id = ${broadcastId}`;
    case 'study-unconfirmed':
      return Prisma.sql`
        SELECT d."memberId" FROM "Broadcast" b
        JOIN "Broadcast" pack ON pack."studyPackId" = b."studyPackId" AND pack.kind = 'STUDY_PACK'
        JOIN "Delivery" d ON d."broadcastId" = pack.id AND d."memberId" IS NOT NULL AND d.status = 'SENT'
        WHERE b.id = ${broadcastId}
          AND NOT EXISTS (
            SELECT 1 FROM "StudyConfirmation" s WHERE s."studyPackId" = b."studyPackId" AND s."memberId" = d."memberId"
          )`;
  }
}
