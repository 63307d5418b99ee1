import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface ScopedJobPost {
  id: number;
  text: string;
  organizationPath: string;
  createdAt: Date;
  /** Members it was sent to. */
  sentTo: number;
  /** Who said 意向, by name. */
  interested: string[];
}

/** 岗位 of an organisation and below, newest first, with how many it went to and who said 意向. */
export async function listJobPosts(db: Db, options: { organizationPath: string; limit: number }): Promise<ScopedJobPost[]> {
  const rows = await db.$queryRaw<(Omit<ScopedJobPost, 'sentTo'> & { sentTo: bigint })[]>`
    SELECT p.id, p.text, o.path AS "organizationPath", p."createdAt",
      (SELECT count(*) FROM "Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId" WHERE b."jobPostId" = p.id AND d."memberId" IS NOT NULL) AS "sentTo",
      COALESCE((SELECT array_agg(m.name ORDER BY i.at) FROM "JobInterest" i JOIN "Member" m ON m.id = i."memberId" WHERE i."jobPostId" = p.id), ARRAY[]::text[]) AS interested
    FROM "JobPost" p JOIN "Organization" o ON o.id = p."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)}
    ORDER BY p."createdAt" DESC, p.id DESC
    LIMIT ${options.limit}`;
  return rows.map((row) => ({ ...row, sentTo: Number(row.sentTo) }));
}
