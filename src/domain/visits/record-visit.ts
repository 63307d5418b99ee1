import type { Db } from '../../db/client.ts';
import type { VisitKind } from '../../generated/prisma/client.ts';

export interface RecordedVisit {
  visitId: number;
  /** The member was 疑似失联 and is not any more. */
  wasLost: boolean;
  organizationId: number;
}

/**
 * 走访: a secretary or contact person reached the member. The visit is kept (the note is personal
 * data: stored, never logged), and the member counts as reached: active again (no longer 疑似失联),
 * nudges counted from zero, silent from the visit on.
 */
export async function recordVisit(
  db: Db,
  options: {
    memberId: number;
    recordedById: number;
    kind: VisitKind;
    note: string;
    at: Date;
    proposed: { residence: string; workplace: string | null } | null;
  },
): Promise<RecordedVisit> {
  const { memberId, at } = options;
  return db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ status: string; organization_id: number }[]>`
      SELECT status, "organizationId" AS organization_id FROM "Member" WHERE id = ${memberId} FOR UPDATE`;
    const visit = await tx.careVisit.create({
      data: {
        memberId,
        organizationId: before!.organization_id,
        kind: options.kind,
        note: options.note,
        recordedById: options.recordedById,
        at,
        proposedResidence: options.proposed?.residence ?? null,
        proposedWorkplace: options.proposed?.workplace ?? null,
      },
      select: { id: true },
    });
    await tx.$executeRaw`
      UPDATE "Member" SET status = 'ACTIVE', "careAlertedAt" = NULL, "nudgeCount" = 0,
        "lastActiveAt" = GREATEST("lastActiveAt", ${at}), "updatedAt" = ${at}
      WHERE id = ${memberId}`;
    return { visitId: visit.id, wasLost: before!.status === 'LOST_CONTACT', organizationId: before!.organization_id };
  });
}
