import type { Db } from '../../db/client.ts';

/**
 * 是, the answer to the quarterly whereabouts question: the whereabouts on record are still right.
 * Only after a question not yet answered (asked within `withinMs`); kept as history. False otherwise.
 */
export async function confirmPromptedWhereabouts(db: Db, options: { memberId: number; now: Date; withinMs: number }): Promise<boolean> {
  const { memberId, now } = options;
  return db.$transaction(async (tx) => {
    const [member] = await tx.$queryRaw<{ residence: string | null; workplace: string | null }[]>`
      UPDATE "Member" SET "whereaboutsAt" = ${now}
      WHERE id = ${memberId} AND "whereaboutsPromptedAt" > ${new Date(now.getTime() - options.withinMs)}
        AND ("whereaboutsAt" IS NULL OR "whereaboutsAt" < "whereaboutsPromptedAt")
      RETURNING residence, workplace`;
    if (!member) return false;
    await tx.whereaboutsReport.create({ data: { memberId, ...member, source: 'MEMBER', recordedById: memberId, at: now } });
    return true;
  });
}
