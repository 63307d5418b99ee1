import type { Db } from '../../db/client.ts';
import { findNearestSecretaries } from '../shared/find-nearest-secretaries.ts';
import { createAccountNotice } from './create-account-notice.ts';

/**
 * A member's contact on the official account can no longer be reached (they unfollowed it, or
 * refuse its messages): nothing more goes to it, and the member's secretaries (or the nearest above)
 * are told once, by name. Returns the notices to queue.
 */
export async function markContactUnreachable(db: Db, options: { contactId: string; now: Date }): Promise<number[]> {
  const { contactId, now } = options;
  const { count } = await db.wechatContact.updateMany({ where: { id: contactId, unreachableAt: null }, data: { unreachableAt: now } });
  if (count === 0) return [];
  const contact = await db.wechatContact.findUnique({ where: { id: contactId }, select: { member: { select: { id: true, name: true, organizationId: true } } } });
  const member = contact?.member;
  if (!member) return [];
  const nearest = await findNearestSecretaries(db, { organizationId: member.organizationId, exceptMemberId: member.id });
  if (!nearest) return [];
  return createAccountNotice(db, {
    organizationId: member.organizationId,
    text: `${member.name}${nearest.below} 已取消关注服务号或拒收消息，服务号无法再联系到 TA。请电话或当面联系，请其重新关注。`,
    recipients: nearest.secretaries,
    now,
  });
}
