import type { Db } from '../../db/client.ts';

/** 我的: the member's own whereabouts (since when) and leave, if they are on one at `now`. */
export async function getOwnWhereabouts(
  db: Db,
  options: { memberId: number; now: Date },
): Promise<{ residence: string | null; workplace: string | null; since: Date; leave: { until: Date; reason: string | null } | null }> {
  const member = await db.member.findUniqueOrThrow({
    where: { id: options.memberId },
    select: { residence: true, workplace: true, whereaboutsAt: true, createdAt: true, leaveUntil: true, leaveReason: true },
  });
  return {
    residence: member.residence,
    workplace: member.workplace,
    since: member.whereaboutsAt ?? member.createdAt,
    leave: member.leaveUntil && member.leaveUntil > options.now ? { until: member.leaveUntil, reason: member.leaveReason } : null,
  };
}
