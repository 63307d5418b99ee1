import type { Db } from '../../db/client.ts';
import { createAccountNotice } from '../members/create-account-notice.ts';
import { findNearestSecretaries } from '../shared/find-nearest-secretaries.ts';
import { contactPersonReaches } from './contact-person-reaches.ts';

const personSelect = { id: true, name: true, organizationId: true, organization: { select: { path: true } } } as const;

/**
 * After members changed organisation (a roster import): ends every pairing of theirs — as the member
 * looked after or as the contact person — that the move took out of reach (contactPersonReaches), and
 * tells the secretaries of both sides, so they can pair the member again where they are now. Returns
 * the deliveries to queue.
 */
export async function endPairingsOutOfReach(db: Db, options: { movedMemberIds: number[]; now: Date }): Promise<number[]> {
  const { movedMemberIds, now } = options;
  if (movedMemberIds.length === 0) return [];
  const pairs = await db.member.findMany({
    where: { contactPersonId: { not: null }, OR: [{ id: { in: movedMemberIds } }, { contactPersonId: { in: movedMemberIds } }] },
    select: { ...personSelect, contactPerson: { select: personSelect } },
  });
  const ended = pairs.filter(
    (pair) => !contactPersonReaches({ memberPath: pair.organization.path, contactPersonPath: pair.contactPerson!.organization.path }),
  );
  if (ended.length === 0) return [];
  await db.member.updateMany({ where: { id: { in: ended.map((pair) => pair.id) } }, data: { contactPersonId: null } });
  const deliveryIds: number[] = [];
  for (const pair of ended) {
    const contactPerson = pair.contactPerson!;
    const recipients = new Map<number, { memberId: number; contactId: string }>();
    for (const side of [pair, contactPerson]) {
      const nearest = await findNearestSecretaries(db, { organizationId: side.organizationId, exceptMemberId: side.id });
      for (const secretary of nearest?.secretaries ?? []) recipients.set(secretary.memberId, secretary);
    }
    const text =
      `结对联系已解除：${pair.name}（${pair.organization.path}）与联系人 ${contactPerson.name}（${contactPerson.organization.path}）已不在同一组织范围内，` +
      `${contactPerson.name} 不再能查看或记录 ${pair.name} 的走访和去向。如需要，请重新「结对」。`;
    deliveryIds.push(...(await createAccountNotice(db, { organizationId: pair.organizationId, text, recipients: [...recipients.values()], now })));
  }
  return deliveryIds;
}
