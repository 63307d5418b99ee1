import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import { namesShown } from '../shared/name-list.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface StudyPackStats {
  id: number;
  title: string;
  pushedAt: Date;
  /** The push (its deliveries), for when those not reached get it. */
  broadcastId: number | null;
  /** Members the pack was for (including those without a bound WeChat). */
  recipients: number;
  /** Members it reached (SENT). */
  delivered: number;
  /** Members who said 已学. */
  confirmed: number;
}

export interface StudyStats {
  /** The latest pushed packs of the organisation and its sub-organisations, newest first. */
  packs: StudyPackStats[];
  /** Recipients of the latest pack who have not said 已学. */
  unconfirmed: number;
  /** Of those, how many it did not reach (no bound WeChat, not sent yet, failed). */
  unconfirmedUnreached: number;
  /** Their names, by name, at most `nameLimit`. */
  unconfirmedNames: string[];
}

/**
 * 学习统计: delivered and 已学 counts of the latest pushed 学习包 of an organisation (and below),
 * and who has not confirmed the latest. A fixed handful of aggregate queries, whatever the size;
 * only the capped list of names is read into memory.
 */
export async function getStudyStats(
  db: Db,
  options: { organizationPath: string; packLimit?: number; nameLimit?: number },
): Promise<StudyStats> {
  const { organizationPath, packLimit = 3, nameLimit = namesShown } = options;
  const rows = await db.$queryRaw<
    { id: number; title: string; pushedAt: Date; broadcast_id: number | null; recipients: bigint; delivered: bigint; confirmed: bigint }[]
  >`
    WITH packs AS (
      SELECT p.id, p.title, p."pushedAt"
      FROM "StudyPack" p JOIN "Organization" o ON o.id = p."organizationId"
      WHERE ${withinOrganizationSql('o.path', organizationPath)} AND p.status = 'PUSHED'
      ORDER BY p."pushedAt" DESC, p.id DESC
      LIMIT ${packLimit}
    )
    SELECT packs.id, packs.title, packs."pushedAt", min(b.id) AS broadcast_id,
      count(d.id) AS recipients,
      count(d.id) FILTER (WHERE d.status = 'SENT') AS delivered,
      (SELECT count(*) FROM "StudyConfirmation" s WHERE s."studyPackId" = packs.id) AS confirmed
    FROM packs
    LEFT JOIN "Broadcast" b ON b."studyPackId" = packs.id AND b.kind = 'STUDY_PACK'
    LEFT JOIN "Delivery" d ON d."broadcastId" = b.id AND d."memberId" IS NOT NULL
    GROUP BY packs.id, packs.title, packs."pushedAt"
    ORDER BY packs."pushedAt" DESC, packs.id DESC`;
  const packs = rows.map((row) => ({
    id: row.id,
    title: row.title,
    pushedAt: row.pushedAt,
    broadcastId: row.broadcast_id,
    recipients: Number(row.recipients),
    delivered: Number(row.delivered),
    confirmed: Number(row.confirmed),
  }));
  const latest = packs[0];
  if (!latest) return { packs, unconfirmed: 0, unconfirmedUnreached: 0, unconfirmedNames: [] };

  const unconfirmed = Prisma.sql`
    SELECT d."memberId" AS member_id, d.status = 'SENT' AS sent
    FROM "Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId"
    WHERE b."studyPackId" = ${latest.id} AND b.kind = 'STUDY_PACK' AND d."memberId" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "StudyConfirmation" s WHERE s."studyPackId" = ${latest.id} AND s."memberId" = d."memberId")`;
  const [counts, names] = await Promise.all([
    db.$queryRaw<{ total: bigint; unreached: bigint }[]>`
      WITH unconfirmed AS (${unconfirmed})
      SELECT count(*) AS total, count(*) FILTER (WHERE NOT u.sent) AS unreached FROM unconfirmed u`,
    db.$queryRaw<{ name: string }[]>`
      WITH unconfirmed AS (${unconfirmed})
      SELECT m.name FROM unconfirmed u JOIN "Member" m ON m.id = u.member_id
      ORDER BY m.name, m.id
      LIMIT ${nameLimit}`,
  ]);
  return {
    packs,
    unconfirmed: Number(counts[0]?.total ?? 0),
    unconfirmedUnreached: Number(counts[0]?.unreached ?? 0),
    unconfirmedNames: names.map((row) => row.name),
  };
}
