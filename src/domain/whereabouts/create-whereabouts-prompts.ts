import type { Db } from '../../db/client.ts';
import { localDay } from '../shared/local-day.ts';

export interface WhereaboutsPromptResult {
  prompted: number;
  /** Deliveries still to send (this run's, and any a crashed run of the same day left). */
  deliveryIds: number[];
}

/** The question; {name}, {whereabouts} and {since} are filled in per member (in SQL). */
const promptTemplate =
  '{name}同志，您好！组织上记录的您的去向是：{whereabouts}（{since}记录）。' +
  '如果没有变化，请回复「是」；如有变化，请发送新的去向，例如「去向 格尔木市 跑运输」。';

/**
 * The quarterly whereabouts question: every member with a bound WeChat whose whereabouts were last
 * set or confirmed (or, never, put on the roster) `staleDays` or more ago, not on leave, and not asked
 * within `staleDays`, gets one capped message in a direct chat saying what is on record (as
 * whereaboutsText and formatCareDay write it) and asking for 是 or the new whereabouts. One statement
 * over the roster: whereaboutsPromptedAt set, the day's broadcast (key whereabouts-<day>, only when
 * someone is due) and one delivery each with its own text — a member is marked asked only together
 * with their message. Idempotent for the same `now`.
 */
export async function createWhereaboutsPrompts(
  db: Db,
  options: { now: Date; staleDays: number; timeZone: string },
): Promise<WhereaboutsPromptResult> {
  const { now, timeZone } = options;
  const today = localDay(now, timeZone);
  const key = `whereabouts-${today}`;
  const staleBefore = new Date(now.getTime() - options.staleDays * 24 * 3600_000);
  const prompted = await db.$executeRaw`
    WITH due AS (
      UPDATE "Member" m SET "whereaboutsPromptedAt" = ${now}
      WHERE COALESCE(m."whereaboutsAt", m."createdAt") <= ${staleBefore}
        AND (m."whereaboutsPromptedAt" IS NULL OR m."whereaboutsPromptedAt" <= ${staleBefore})
        AND (m."leaveUntil" IS NULL OR m."leaveUntil" <= ${now})
        AND EXISTS (SELECT 1 FROM "WechatContact" w WHERE w."memberId" = m.id)
      RETURNING m.id, m.name, m.residence, m.workplace,
        (COALESCE(m."whereaboutsAt", m."createdAt") AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone} AS since
    ),
    broadcast AS (
      INSERT INTO "Broadcast" (kind, status, "organizationId", text, key, "confirmedAt")
      SELECT 'WHEREABOUTS_PROMPT'::"BroadcastKind", 'CONFIRMED'::"BroadcastStatus", o.id,
        ${`每季度去向确认（${today}，每人文本不同）`}, ${key}, ${now}
      FROM "Organization" o WHERE o."parentId" IS NULL AND EXISTS (SELECT 1 FROM due)
      ORDER BY o.id LIMIT 1
      ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
      RETURNING id
    )
    INSERT INTO "Delivery" ("broadcastId", "memberId", "conversationId", capped, text)
    SELECT bc.id, d.id, (SELECT w.id FROM "WechatContact" w WHERE w."memberId" = d.id), true,
      replace(replace(replace(${promptTemplate}::text, '{name}', d.name),
        '{whereabouts}', COALESCE(NULLIF(concat_ws('；', '现居地：' || d.residence, '工作：' || d.workplace), ''), '去向不详')),
        '{since}', CASE WHEN to_char(d.since, 'YYYY') = ${today.slice(0, 4)} THEN '' ELSE to_char(d.since, 'YYYY') || '年' END
          || to_char(d.since, 'FMMM') || '月' || to_char(d.since, 'FMDD') || '日')
    FROM due d CROSS JOIN broadcast bc
    ON CONFLICT ("broadcastId", "memberId") DO NOTHING`;
  const queued = await db.$queryRaw<{ id: number }[]>`
    SELECT d.id FROM "Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId"
    WHERE b.key = ${key} AND d.status = 'QUEUED' ORDER BY d.id`;
  return { prompted, deliveryIds: queued.map((row) => row.id) };
}
