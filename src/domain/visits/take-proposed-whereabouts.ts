import type { Db } from '../../db/client.ts';

/**
 * 确认去向: the whereabouts read from the recorder's latest visit note within `withinMs`, not yet
 * confirmed; it is marked confirmed (once). Null when there is none to confirm.
 */
export async function takeProposedWhereabouts(
  db: Db,
  options: { recordedById: number; now: Date; withinMs: number },
): Promise<{ memberId: number; memberName: string; residence: string | null; workplace: string | null } | null> {
  const [row] = await db.$queryRaw<{ member_id: number; member_name: string; residence: string | null; workplace: string | null }[]>`
    UPDATE "CareVisit" v SET "confirmedAt" = ${options.now}
    FROM "Member" m
    WHERE m.id = v."memberId" AND v.id = (
      SELECT id FROM "CareVisit"
      WHERE "recordedById" = ${options.recordedById} AND at > ${new Date(options.now.getTime() - options.withinMs)}
      ORDER BY at DESC, id DESC LIMIT 1
    ) AND v."proposedResidence" IS NOT NULL AND v."confirmedAt" IS NULL
    RETURNING v."memberId" AS member_id, m.name AS member_name, v."proposedResidence" AS residence, v."proposedWorkplace" AS workplace`;
  return row ? { memberId: row.member_id, memberName: row.member_name, residence: row.residence, workplace: row.workplace } : null;
}
