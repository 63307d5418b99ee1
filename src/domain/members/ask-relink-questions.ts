import type { Db } from '../../db/client.ts';
import { findNearestSecretaries } from '../shared/find-nearest-secretaries.ts';
import { createAccountNotice } from './create-account-notice.ts';

/** A member's record that more than one contact could be, after a login. */
export interface RelinkDoubt {
  fromContactId: string;
  /** The contacts carrying the member's remark, with the names WeChat shows for them. */
  candidates: { id: string; name: string }[];
}

/**
 * 待确认: asks the member's nearest secretaries, in a direct chat, which contact is the member now
 * (确认对应 <编号> <序号>). Asked once per record until answered. Returns the deliveries to queue.
 */
export async function askRelinkQuestions(db: Db, options: { doubts: RelinkDoubt[]; now: Date }): Promise<number[]> {
  const deliveryIds: number[] = [];
  for (const doubt of options.doubts) {
    const contact = await db.wechatContact.findUnique({
      where: { id: doubt.fromContactId },
      select: { member: { select: { id: true, name: true, organizationId: true } } },
    });
    const member = contact?.member;
    if (!member) continue;
    const open = await db.relinkQuestion.count({ where: { fromContactId: doubt.fromContactId, answeredAt: null } });
    if (open > 0) continue;
    const readers = await findNearestSecretaries(db, { organizationId: member.organizationId, exceptMemberId: member.id });
    if (!readers) continue;
    const question = await db.relinkQuestion.create({
      data: { memberId: member.id, fromContactId: doubt.fromContactId, candidateIds: doubt.candidates.map((c) => c.id) },
      select: { id: true },
    });
    const choices = doubt.candidates.map((candidate, index) => `${index + 1}. ${candidate.name}`);
    const text = [
      `【待确认 ${question.id}】助手重新登录后，${member.name}${readers.below} 的微信无法唯一确定：有 ${doubt.candidates.length} 个联系人带有其备注。`,
      '请核实后回复「确认对应 ' + question.id + ' 序号」：',
      ...choices,
    ].join('\n');
    deliveryIds.push(
      ...(await createAccountNotice(db, { organizationId: member.organizationId, text, recipients: readers.secretaries, now: options.now })),
    );
  }
  return deliveryIds;
}
