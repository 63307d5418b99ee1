import type { Db } from '../db/client.ts';

export interface FinishedMessage {
  id: string;
  memberId: number | null;
  /** Whether the message counts as the member being active (direct chat or linked group). */
  countsAsActivity: boolean;
  sentAt: Date;
}

/**
 * Marks messages processed, links them to their member, and moves each member's
 * last-active time forward (never back). Two statements for the whole batch.
 */
export async function finishInboundMessages(db: Db, messages: FinishedMessage[]): Promise<void> {
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
  await db.$transaction([
    db.$executeRaw`
      UPDATE "InboundMessage" AS m SET "processedAt" = now(), "memberId" = v.member_id
      FROM unnest(${ids}::text[], ${memberIds}::int[]) AS v(id, member_id)
      WHERE m.id = v.id`,
    db.$executeRaw`
      UPDATE "Member" AS m SET "lastActiveAt" = v.at AT TIME ZONE 'UTC'
      FROM unnest(${activeIds}::int[], ${activeAts}::timestamptz[]) AS v(id, at)
      WHERE m.id = v.id AND (m."lastActiveAt" IS NULL OR m."lastActiveAt" < v.at AT TIME ZONE 'UTC')`,
  ]);
}
