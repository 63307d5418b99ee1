import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import { twelveMonthsBefore } from './list-talent-pool.ts';
import { queryEngagement, type EngagedMember } from './query-engagement.ts';

/** 我的: the member's own figures over 12 months (the same parts secretaries see in 人才库). */
export async function getOwnEngagement(db: Db, options: { memberId: number; now: Date }): Promise<EngagedMember | null> {
  const [row] = await queryEngagement(db, { filter: Prisma.sql`m.id = ${options.memberId}`, since: twelveMonthsBefore(options.now), limit: 1 });
  return row ?? null;
}
