import type { Db } from '../../db/client.ts';

/**
 * A message about someone's binding (绑定 to the branch's secretaries, 解绑 to the member's old WeChat):
 * an ACCOUNT_NOTICE broadcast with one delivery per recipient. Not counted toward the daily cap: it is
 * about the recipient's own account or their members'. Returns the deliveries to queue.
 */
export async function createAccountNotice(
  db: Db,
  options: { organizationId: number; text: string; recipients: { memberId: number; contactId: string }[]; now: Date },
): Promise<number[]> {
  const { organizationId, text, recipients, now } = options;
  if (recipients.length === 0) return [];
  const broadcast = await db.broadcast.create({
    data: { kind: 'ACCOUNT_NOTICE', status: 'CONFIRMED', organizationId, text, confirmedAt: now },
    select: { id: true },
  });
  await db.delivery.createMany({
    data: recipients.map(({ memberId, contactId }) => ({ broadcastId: broadcast.id, memberId, conversationId: contactId, capped: false })),
  });
  const queued = await db.delivery.findMany({ where: { broadcastId: broadcast.id }, select: { id: true }, orderBy: { id: 'asc' } });
  return queued.map((delivery) => delivery.id);
}

/** What a WeChat is told when it no longer speaks for a member (解绑, or a bind code used on another WeChat). */
export function unboundNoticeText(memberName: string): string {
  return `您的微信与党员名册中「${memberName}」的绑定已解除。如有疑问，请联系您所在支部的书记。`;
}
