import type { Db } from '../db/client.ts';
import type { RecoveredMember } from '../domain/care/create-recovery-notices.ts';

export interface FinishedMessage {
  id: string;
  memberId: number | null;
  /** Whether the message counts as the member being active (direct chat or linked group). */
  countsAsActivity: boolean;
  sentAt: Date;
}

/** A member who was 疑似失联 (LOST_CONTACT) and has just been heard from again. */
/**
 * Marks messages processed, links them to their member, and moves each member's
 * last-active time forward (never back). Two statements for the whole batch.
 * Activity also ends the silent-member care: the nudge count starts again from 0, a 疑似失联
 * member is active again, and the care alert is over; those who were 疑似失联 are returned, so
 * that their secretaries can be told.
 */
export async function finishInboundMessages(db: Db, messages: FinishedMessage[]): Promise<RecoveredMember[]> {
  const lastActive = new Map<number, Date>();
  for (const message of messages) {
    if (message.memberId === null || !message.countsAsActivity) continue;
    const known = lastActive.get(message.memberId);
    if (!known || known < message.sentAt) lastActive.set(message.memberId, message.sentAt);
  }
  const ids = messages.map((message) => message.id);
  const memberIds = messages.map((message) => message.memberId);
  const activeIds = [...lastActive.keys()];
  // ISO strings: timestamps are stored in UTC without a zone (Prisma's TIMESTAMP(3)).
  const activeAts = [...lastActive.values()].map((at) => at.toISOString());
  const [, recovered] = await db.$transaction([
    db.$executeRaw`
      UPDATE "InboundMessage" AS m SET "processedAt" = now(), "memberId" = v.member_id
      FROM unnest(${ids}::text[], ${memberIds}::int[]) AS v(id, member_id)
      WHERE m.id = v.id`,
    // The rows are locked first to read the status they had (the silent-member scan may have just
    // changed it), then updated; only the members who were 疑似失联 come back.
    db.$queryRaw<RecoveredMember[]>`
      WITH v AS (
        SELECT v.id, v.at AT TIME ZONE 'UTC' AS at
        FROM unnest(${activeIds}::int[], ${activeAts}::timestamptz[]) AS v(id, at)
      ),
      before AS (
        SELECT m.id, m.status FROM "Member" AS m JOIN v ON v.id = m.id
        WHERE m."lastActiveAt" IS NULL OR m."lastActiveAt" < v.at
        FOR UPDATE OF m
      ),
      updated AS (
        UPDATE "Member" AS m SET "lastActiveAt" = v.at, "nudgeCount" = 0, status = 'ACTIVE', "careAlertedAt" = NULL
        FROM v JOIN before AS b ON b.id = v.id
        WHERE m.id = v.id AND (m."lastActiveAt" IS NULL OR m."lastActiveAt" < v.at)
        RETURNING m.id, m.name, m."organizationId", v.at, b.status AS was
      )
      SELECT id, name, "organizationId", at FROM updated WHERE was = 'LOST_CONTACT'`,
  ]);
  return recovered;
}
