import type { Db } from '../../db/client.ts';
import { formatCareDay, whereaboutsText } from '../care/care-text.ts';
import { localDay } from '../shared/local-day.ts';

export interface WhereaboutsPromptResult {
  prompted: number;
  /** Deliveries still to send (this run's, and any a crashed run of the same day left). */
  deliveryIds: number[];
}

/**
 * The quarterly whereabouts question: every member with a bound WeChat whose whereabouts were last
 * set or confirmed (or, never, put on the roster) `staleDays` or more ago, not on leave, and not asked
 * within `staleDays`, gets one capped message in a direct chat saying what is on record and asking for
 * 是 or the new whereabouts. One statement over the roster: the day's broadcast (key
 * whereabouts-<day>), whereaboutsPromptedAt set, one delivery each with its own text. Idempotent for
 * the same `now`.
 */
export async function createWhereaboutsPrompts(
  db: Db,
  options: { now: Date; staleDays: number; timeZone: string },
): Promise<WhereaboutsPromptResult> {
  const { now, timeZone } = options;
  const today = localDay(now, timeZone);
  const key = `whereabouts-${today}`;
  const staleBefore = new Date(now.getTime() - options.staleDays * 24 * 3600_000);
  // One transaction: members are marked asked only together with their message.
  const prompted = await db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: number; name: string; residence: string | null; workplace: string | null; since: Date }[]>`
      UPDATE "Member" m SET "whereaboutsPromptedAt" = ${now}
      WHERE COALESCE(m."whereaboutsAt", m."createdAt") <= ${staleBefore}
        AND (m."whereaboutsPromptedAt" IS NULL OR m."whereaboutsPromptedAt" <= ${staleBefore})
        AND (m."leaveUntil" IS NULL OR m."leaveUntil" <= ${now})
        AND EXISTS (SELECT 1 FROM "WechatContact" w WHERE w."memberId" = m.id)
      RETURNING m.id, m.name, m.residence, m.workplace, COALESCE(m."whereaboutsAt", m."createdAt") AS since`;
    if (due.length > 0) {
      const broadcast = await tx.broadcast.upsert({
        where: { key },
        create: {
          key,
          kind: 'WHEREABOUTS_PROMPT',
          status: 'CONFIRMED',
          organizationId: (await tx.organization.findFirstOrThrow({ where: { parentId: null }, orderBy: { id: 'asc' }, select: { id: true } })).id,
          text: `每季度去向确认（${today}，每人文本不同）`,
          confirmedAt: now,
        },
        update: {},
        select: { id: true },
      });
      const texts = due.map((member) => promptText(member, now, timeZone));
      await tx.$executeRaw`
        INSERT INTO "Delivery" ("broadcastId", "memberId", "conversationId", capped, text)
        SELECT ${broadcast.id}, d.member_id, w.id, true, d.text
        FROM unnest(${due.map((m) => m.id)}::int[], ${texts}::text[]) AS d(member_id, text)
        JOIN "WechatContact" w ON w."memberId" = d.member_id
        ON CONFLICT ("broadcastId", "memberId") DO NOTHING`;
    }
    return due.length;
  }, { timeout: 120_000, maxWait: 10_000 });
  const queued = await db.$queryRaw<{ id: number }[]>`
    SELECT d.id FROM "Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId"
    WHERE b.key = ${key} AND d.status = 'QUEUED' ORDER BY d.id`;
  return { prompted, deliveryIds: queued.map((row) => row.id) };
}

function promptText(member: { name: string; residence: string | null; workplace: string | null; since: Date }, now: Date, timeZone: string): string {
  return (
    `${member.name}同志，您好！组织上记录的您的去向是：${whereaboutsText(member)}（${formatCareDay(member.since, now, timeZone)}记录）。` +
    '如果没有变化，请回复「是」；如有变化，请发送新的去向，例如「去向 格尔木市 跑运输」。'
  );
}
