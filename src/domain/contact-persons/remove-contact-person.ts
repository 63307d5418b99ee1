import type { Db } from '../../db/client.ts';

/** 解除结对: the member has no contact person any more; false when they had none. */
export async function removeContactPerson(db: Db, options: { memberId: number }): Promise<boolean> {
  const removed = await db.member.updateMany({
    where: { id: options.memberId, contactPersonId: { not: null } },
    data: { contactPersonId: null },
  });
  return removed.count > 0;
}
