import type { Db } from '../../db/client.ts';
import type { WhereaboutsSource } from '../../generated/prisma/client.ts';

export interface WhereaboutsHistory {
  current: { residence: string | null; workplace: string | null; since: Date };
  /** Newest first. */
  changes: { residence: string | null; workplace: string | null; source: WhereaboutsSource; recordedBy: string | null; at: Date }[];
}

/** 去向 张三: the member's whereabouts now (since when) and their latest changes. */
export async function listWhereaboutsHistory(db: Db, options: { memberId: number; limit: number }): Promise<WhereaboutsHistory> {
  const [member, reports] = await Promise.all([
    db.member.findUniqueOrThrow({ where: { id: options.memberId }, select: { residence: true, workplace: true, whereaboutsAt: true, createdAt: true } }),
    db.$queryRaw<{ residence: string | null; workplace: string | null; source: WhereaboutsSource; recorded_by: string | null; at: Date }[]>`
      SELECT w.residence, w.workplace, w.source, r.name AS recorded_by, w.at
      FROM "WhereaboutsReport" w LEFT JOIN "Member" r ON r.id = w."recordedById"
      WHERE w."memberId" = ${options.memberId}
      ORDER BY w.at DESC, w.id DESC
      LIMIT ${options.limit}`,
  ]);
  return {
    current: { residence: member.residence, workplace: member.workplace, since: member.whereaboutsAt ?? member.createdAt },
    changes: reports.map((row) => ({ residence: row.residence, workplace: row.workplace, source: row.source, recordedBy: row.recorded_by, at: row.at })),
  };
}
