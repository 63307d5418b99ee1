import type { Db } from '../../db/client.ts';
import type { WhereaboutsSource } from '../../generated/prisma/client.ts';

/**
 * Sets a member's whereabouts (现居地, 工作; a field left undefined stays as it is), and keeps the
 * change as history. `at` counts as confirmed: the quarterly question waits another quarter.
 */
export async function setWhereabouts(
  db: Db,
  options: { memberId: number; residence?: string; workplace?: string; source: WhereaboutsSource; recordedById: number; at: Date },
): Promise<{ residence: string | null; workplace: string | null }> {
  const { memberId, at } = options;
  return db.$transaction(async (tx) => {
    const member = await tx.member.update({
      where: { id: memberId },
      data: {
        ...(options.residence !== undefined ? { residence: options.residence } : {}),
        ...(options.workplace !== undefined ? { workplace: options.workplace } : {}),
        whereaboutsAt: at,
      },
      select: { residence: true, workplace: true },
    });
    await tx.whereaboutsReport.create({
      data: { memberId, residence: member.residence, workplace: member.workplace, source: options.source, recordedById: options.recordedById, at },
    });
    return member;
  });
}
