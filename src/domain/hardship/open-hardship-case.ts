import type { Db } from '../../db/client.ts';

/** 困难: opens a hardship case for the member; `already-open` when one is open (nothing changes). */
export async function openHardshipCase(
  db: Db,
  options: { memberId: number; description: string; openedById: number; at: Date },
): Promise<'opened' | 'already-open'> {
  return db.$transaction(async (tx) => {
    const [member] = await tx.$queryRaw<{ organization_id: number }[]>`
      SELECT "organizationId" AS organization_id FROM "Member" WHERE id = ${options.memberId} FOR UPDATE`;
    if (await tx.hardshipCase.findFirst({ where: { memberId: options.memberId, closedAt: null }, select: { id: true } })) return 'already-open';
    await tx.hardshipCase.create({
      data: { memberId: options.memberId, organizationId: member!.organization_id, description: options.description, openedById: options.openedById, openedAt: options.at },
    });
    return 'opened';
  });
}
