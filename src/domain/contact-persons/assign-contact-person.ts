import type { Db } from '../../db/client.ts';

export type AssignContactPersonResult =
  | { outcome: 'assigned'; total: number }
  | { outcome: 'too-many'; current: number; max: number };

/**
 * 结对: `contactPersonId` becomes the contact person of `memberIds` (taking them over from any other),
 * all or none: refused when they would look after more than `max` members. The contact person's row
 * is locked meanwhile, so two 结对 at once cannot both pass the limit.
 */
export async function assignContactPerson(
  db: Db,
  options: { contactPersonId: number; memberIds: number[]; max: number },
): Promise<AssignContactPersonResult> {
  const { contactPersonId, memberIds, max } = options;
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Member" WHERE id = ${contactPersonId} FOR UPDATE`;
    const current = await tx.member.count({ where: { contactPersonId } });
    const already = await tx.member.count({ where: { id: { in: memberIds }, contactPersonId } });
    const total = current + memberIds.length - already;
    if (total > max) return { outcome: 'too-many', current, max };
    await tx.member.updateMany({ where: { id: { in: memberIds } }, data: { contactPersonId } });
    return { outcome: 'assigned', total };
  });
}
