import type { Db } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { addDays, dayToDate, localDay } from '../shared/local-day.ts';
import { budgetOutcomeSql, withinBudgetSql, type BudgetOutcomeRow, type ProactiveBudget } from '../shared/proactive-budget.ts';
import { recordProactiveBacklog } from '../shared/record-proactive-backlog.ts';

export interface WhereaboutsPromptResult {
  prompted: number;
  /** Members due today whom the accounts' capacity left for the next run. */
  leftForNextRun: number;
  /** Deliveries still to send (this run's, and any a crashed run of the same day left). */
  deliveryIds: number[];
}

/** The question; {name}, {whereabouts} and {since} are filled in per member (in SQL). */
const promptTemplate =
  '{name}同志，您好！组织上记录的您的去向是：{whereabouts}（{since}记录）。' +
  '如果没有变化，请回复「是」；如有变化，请发送新的去向，例如「去向 格尔木市 跑运输」。';

/**
 * The quarter's working days (Monday to Friday, local) and where `today` stands among them: the
 * index of the last working day up to today (-1 before the first).
 */
function quarterWorkingDays(today: string): { count: number; index: number } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const firstMonth = month - ((month - 1) % 3);
  let day = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const next = firstMonth === 10 ? `${year + 1}-01-01` : `${year}-${String(firstMonth + 3).padStart(2, '0')}-01`;
  let count = 0;
  let index = -1;
  for (; day < next; day = addDays(day, 1)) {
    const weekday = dayToDate(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    if (day <= today) index = count;
    count += 1;
  }
  return { count, index };
}

/**
 * The quarterly whereabouts question, spread over the quarter: every member with a reachable WeChat
 * whose whereabouts were last set or confirmed (or, never, put on the roster) `staleDays` or more ago,
 * not on leave and not asked within `staleDays`, is asked on their own working day of the quarter
 * (their id modulo the quarter's working days), or on a later one if that day's run did not reach
 * them — so a day asks about 1/60 of those due, never a quarter's worth at once. Of those due today,
 * at most what each account can take (`budget`; the oldest whereabouts first, organisations taking
 * turns) get one capped message in a direct chat saying what is on record (as whereaboutsText and
 * formatCareDay write it) and asking for 是 or the new whereabouts; the rest are counted
 * (ProactiveBacklog) and come first the next working day. One statement over the roster:
 * whereaboutsPromptedAt set, the day's broadcast (key whereabouts-<day>, only when someone is asked)
 * and one delivery each with its own text — a member is marked asked only together with their
 * message. Idempotent for the same `now`.
 */
export async function createWhereaboutsPrompts(
  db: Db,
  options: { now: Date; staleDays: number; timeZone: string; budget: ProactiveBudget },
): Promise<WhereaboutsPromptResult> {
  const { now, timeZone } = options;
  const today = localDay(now, timeZone);
  const key = `whereabouts-${today}`;
  const staleBefore = new Date(now.getTime() - options.staleDays * 24 * 3600_000);
  const quarter = quarterWorkingDays(today);
  const candidates = Prisma.sql`
    SELECT m.id, m."organizationId" AS org_id, w.account, COALESCE(m."whereaboutsAt", m."createdAt") AS known_since
    FROM "Member" m
    JOIN LATERAL (SELECT w.account FROM "WechatContact" w WHERE w."memberId" = m.id AND w."unreachableAt" IS NULL) w ON true
    WHERE COALESCE(m."whereaboutsAt", m."createdAt") <= ${staleBefore}
      AND (m."whereaboutsPromptedAt" IS NULL OR m."whereaboutsPromptedAt" <= ${staleBefore})
      AND (m."leaveUntil" IS NULL OR m."leaveUntil" <= ${now})
      AND m.id % ${quarter.count}::int <= ${quarter.index}::int`;
  return db.$transaction(
    async (tx) => {
      const outcome = await tx.$queryRaw<BudgetOutcomeRow[]>`
        WITH candidates AS MATERIALIZED (${withinBudgetSql(candidates, Prisma.sql`known_since`, options.budget)}),
        due AS (
          UPDATE "Member" m SET "whereaboutsPromptedAt" = ${now}
          WHERE m.id = ANY(ARRAY(SELECT id FROM candidates WHERE chosen))
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
        ),
        inserted AS (
          INSERT INTO "Delivery" ("broadcastId", "memberId", "conversationId", capped, text)
          SELECT bc.id, d.id, (SELECT w.id FROM "WechatContact" w WHERE w."memberId" = d.id), true,
            replace(replace(replace(${promptTemplate}::text, '{name}', d.name),
              '{whereabouts}', COALESCE(NULLIF(concat_ws('；', '现居地：' || d.residence, '工作：' || d.workplace), ''), '去向不详')),
              '{since}', CASE WHEN to_char(d.since, 'YYYY') = ${today.slice(0, 4)} THEN '' ELSE to_char(d.since, 'YYYY') || '年' END
                || to_char(d.since, 'FMMM') || '月' || to_char(d.since, 'FMDD') || '日')
          FROM due d CROSS JOIN broadcast bc
          ON CONFLICT ("broadcastId", "memberId") DO NOTHING
          RETURNING 1
        )
        ${budgetOutcomeSql}`;
      const { written, leftOver } = await recordProactiveBacklog(tx, { job: 'whereabouts-prompt', at: now, outcome });
      const queued = await tx.$queryRaw<{ id: number }[]>`
        SELECT d.id FROM "Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId"
        WHERE b.key = ${key} AND d.status = 'QUEUED' ORDER BY d.id`;
      return { prompted: written, leftForNextRun: leftOver, deliveryIds: queued.map((row) => row.id) };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
