import type { Db } from '../../db/client.ts';

/**
 * 操作日志: `actorId` read `action` (走访记录, visits, hardship, phones, export:members …) — of one member
 * (`subjectId`, logged under the member's organisation at the time of reading) or of an organisation's
 * list or export (`organizationId`). Never what was read: who, what, when, for which organisation.
 */
export async function recordAccess(
  db: Db,
  options: { actorId: number; action: string; at: Date } & ({ subjectId: number } | { organizationId: number }),
): Promise<void> {
  const { actorId, action, at } = options;
  if ('subjectId' in options) {
    await db.$executeRaw`
      INSERT INTO "AccessLog" (at, "actorId", action, "subjectId", "organizationId")
      SELECT ${at}, ${actorId}, ${action}, m.id, m."organizationId" FROM "Member" m WHERE m.id = ${options.subjectId}`;
  } else {
    await db.accessLog.create({ data: { at, actorId, action, organizationId: options.organizationId } });
  }
}
