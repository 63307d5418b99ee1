import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface LatestStudyPackRate {
  title: string;
  /** Members it reached (SENT). */
  delivered: number;
  /** Members who said 已学. */
  confirmed: number;
}

/** The latest pushed 学习包 of an organisation and below, with how many it reached and how many said 已学. */
export async function getLatestStudyPackRate(db: Db, options: { organizationPath: string }): Promise<LatestStudyPackRate | null> {
  const [pack] = await db.$queryRaw<{ title: string; delivered: bigint; confirmed: bigint }[]>`
    SELECT p.title,
      (SELECT count(*) FROM "Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId"
        WHERE b."studyPackId" = p.id AND b.kind = 'STUDY_PACK' AND d.status = 'SENT') AS delivered,
      (SELECT count(*) FROM "StudyConfirmation" s WHERE s."studyPackId" = p.id) AS confirmed
    FROM "StudyPack" p JOIN "Organization" o ON o.id = p."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)} AND p.status = 'PUSHED'
    ORDER BY p."pushedAt" DESC LIMIT 1`;
  return pack ? { title: pack.title, delivered: Number(pack.delivered), confirmed: Number(pack.confirmed) } : null;
}
