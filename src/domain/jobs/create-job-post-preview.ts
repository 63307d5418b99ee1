import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import { discardBroadcastPreview } from '../broadcasts/discard-broadcast-preview.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';
import type { SenderMember } from '../shared/sender.ts';
import { postKeywords, seekerMatchesSql } from './seeker-matches-sql.ts';

/** What members receive: the post, and how to answer it. */
export function jobPostText(jobPostId: number, text: string): string {
  return `【岗位信息 编号 ${jobPostId}】\n${text}\n有意向请回复「意向 ${jobPostId}」，书记会与您联系。`;
}

/**
 * 岗位: writes a job or training post and its broadcast as a preview (确认 sends it, 取消 drops it),
 * and counts the seekers of the secretary's organisation and below it matches (and how many of them
 * have a bound WeChat).
 */
export async function createJobPostPreview(
  db: Db,
  options: { secretary: SenderMember; text: string; toGroups: boolean },
): Promise<{ jobPostId: number; text: string; matching: number; reachable: number }> {
  const { secretary, toGroups } = options;
  await discardBroadcastPreview(db, { secretaryId: secretary.id });
  const keywords = postKeywords(options.text);
  const { post, text } = await db.$transaction(async (tx) => {
    const post = await tx.jobPost.create({
      data: { organizationId: secretary.organizationId, text: options.text, keywords, toGroups, createdById: secretary.id },
      select: { id: true },
    });
    const text = jobPostText(post.id, options.text);
    await tx.broadcast.create({
      data: { kind: 'NOTICE', organizationId: secretary.organizationId, jobPostId: post.id, text, createdById: secretary.id },
    });
    return { post, text };
  });
  const [count] = await db.$queryRaw<{ matching: bigint; reachable: bigint }[]>`
    SELECT count(*) AS matching, count(c.id) AS reachable
    FROM "JobSeeker" js
    JOIN "Member" m ON m.id = js."memberId"
    JOIN "Organization" o ON o.id = m."organizationId"
    LEFT JOIN "WechatContact" c ON c."memberId" = m.id
    WHERE ${withinOrganizationSql('o.path', secretary.organizationPath)} AND ${seekerMatchesSql(Prisma.sql`${keywords}`)}`;
  return { jobPostId: post.id, text, matching: Number(count?.matching ?? 0), reachable: Number(count?.reachable ?? 0) };
}
