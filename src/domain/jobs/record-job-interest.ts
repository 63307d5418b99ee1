import type { Db } from '../../db/client.ts';
import { isRowId } from '../shared/row-id.ts';

export type InterestResult =
  | { outcome: 'unknown-post' }
  | { outcome: 'already' }
  /** The delivery telling the post's secretary, to queue; null when they have no bound WeChat. */
  | { outcome: 'recorded'; deliveryId: number | null };

/**
 * 意向 <编号>: a member who was sent the post says they are interested; the secretary who posted it
 * is told once (a message of its own, through the outbox). Any other number is an unknown post.
 */
export async function recordJobInterest(
  db: Db,
  options: { jobPostId: number; member: { id: number; name: string }; now: Date },
): Promise<InterestResult> {
  const { jobPostId, member, now } = options;
  if (!isRowId(jobPostId)) return { outcome: 'unknown-post' };
  const sent = await db.delivery.findFirst({
    where: { memberId: member.id, broadcast: { jobPostId, status: 'CONFIRMED' } },
    select: { broadcast: { select: { organizationId: true, jobPost: { select: { text: true, createdById: true } } } } },
  });
  const post = sent?.broadcast.jobPost;
  if (!sent || !post) return { outcome: 'unknown-post' };
  return db.$transaction(async (tx) => {
    const created = await tx.jobInterest.createMany({ data: [{ jobPostId, memberId: member.id, at: now }], skipDuplicates: true });
    if (created.count === 0) return { outcome: 'already' as const };
    const contact = await tx.wechatContact.findUnique({ where: { memberId: post.createdById }, select: { id: true } });
    const title = post.text.length > 20 ? `${post.text.slice(0, 20)}…` : post.text;
    const broadcast = await tx.broadcast.create({
      data: {
        kind: 'NOTICE',
        status: 'CONFIRMED',
        organizationId: sent.broadcast.organizationId,
        text: `【求职意向】${member.name} 对岗位 ${jobPostId}「${title}」有意向，请与其联系。发送「就业统计」查看全部。`,
        key: `job-interest-${jobPostId}-${member.id}`,
        confirmedAt: now,
        deliveries: {
          create: {
            memberId: post.createdById,
            conversationId: contact?.id ?? null,
            capped: false,
            ...(contact ? {} : { status: 'FAILED' as const, reason: 'no WeChat bound' }),
          },
        },
      },
      select: { deliveries: { select: { id: true } } },
    });
    return { outcome: 'recorded' as const, deliveryId: contact ? broadcast.deliveries[0]!.id : null };
  });
}
