import type { Db } from '../../db/client.ts';
import type { VisitKind } from '../../generated/prisma/client.ts';

export interface VisitRecord {
  kind: VisitKind;
  note: string;
  at: Date;
  recordedBy: string;
}

/** 走访记录: a member's latest visits, newest first. */
export async function listVisits(db: Db, options: { memberId: number; limit: number }): Promise<VisitRecord[]> {
  const rows = await db.$queryRaw<{ kind: VisitKind; note: string; at: Date; recorded_by: string }[]>`
    SELECT v.kind, v.note, v.at, r.name AS recorded_by
    FROM "CareVisit" v JOIN "Member" r ON r.id = v."recordedById"
    WHERE v."memberId" = ${options.memberId}
    ORDER BY v.at DESC, v.id DESC
    LIMIT ${options.limit}`;
  return rows.map((row) => ({ kind: row.kind, note: row.note, at: row.at, recordedBy: row.recorded_by }));
}
