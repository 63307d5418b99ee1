import type { Db } from '../../db/client.ts';
import { cappedLines, namesShown } from '../shared/name-list.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { formatActivityTime } from '../activities/activity-text.ts';
import { careReadersSql, careTargetOfMemberSql, careTargetsSql } from './care-recipients.ts';
import { createContactPersonAlerts } from '../contact-persons/create-contact-person-alerts.ts';
import {
  careMemberLine,
  missedActivityText,
  missedStudyPackText,
  nudgeTemplates,
  type CareMember,
} from './care-text.ts';
import { addDays, dayToDate, localDay, localDayBounds } from '../shared/local-day.ts';
import { budgetOutcomeSql, withinBudgetSql, type BudgetOutcomeRow, type ProactiveBudget } from '../shared/proactive-budget.ts';
import { recordProactiveBacklog } from '../shared/record-proactive-backlog.ts';

/** What makes a member due (the selections the benchmark explains take only these). */
export interface SilentScanRules {
  /** The time the scan is for (the job's scheduled time): a retried scan with the same `now` does nothing twice. */
  now: Date;
  /** Days without activity after which a member is nudged… */
  silentAfterDays: number;
  /** …at most once per this many (local calendar) days… */
  nudgeIntervalDays: number;
  /** …and after this many unanswered nudges and `lostAfterDays` of silence is 疑似失联 (LOST_CONTACT). */
  lostAfterNudges: number;
  lostAfterDays: number;
  timeZone: string;
}

export interface SilentScanOptions extends SilentScanRules {
  /** How many nudges each account can still take (the rest wait for the next scan, counted). */
  budget: ProactiveBudget;
}

/**
 * The scan's own knowledge on top of its options: the organisations whose secretaries and admins are
 * cared for like members, because an organisation above theirs has a reachable secretary. Elsewhere a
 * secretary or admin leads the only flock they are in, and is neither nudged nor marked 疑似失联.
 */
interface ScanScope extends SilentScanRules {
  leadersCaredForIn: number[];
}

export interface SilentScanResult {
  /** Members who became 疑似失联 in this scan. */
  escalated: number;
  /** Members nudged in this scan. */
  nudged: number;
  /** Members due a nudge that the accounts' capacity left for the next scan. */
  leftForNextScan: number;
  /** Members listed in this scan's care alerts (疑似失联 and not reachable), and the alert messages. */
  alerted: number;
  alertMessages: number;
  /** Nudge deliveries still to send (this scan's, and any a crashed run of the same day left). */
  nudgeDeliveryIds: number[];
  /** Care-alert deliveries still to send. */
  alertDeliveryIds: number[];
}

/** Study packs pushed within this many days, and activities starting within it, are news worth a mention. */
const newsWindowDays = 30;
const dayMs = 24 * 3600_000;

/**
 * The daily silent-member scan ("nobody drifts away unnoticed"), set-based over the whole roster:
 *
 * 1. escalate: active members with `lostAfterNudges` unanswered nudges and `lostAfterDays` of silence
 *    become 疑似失联 (LOST_CONTACT) — one UPDATE;
 * 2. nudge: active members with a bound WeChat, silent `silentAfterDays` (since their last activity, or
 *    since they were put on the roster when never active), fewer than `lostAfterNudges` nudges, none
 *    within `nudgeIntervalDays` → one NUDGE broadcast per day (key nudge-<local day>) with one capped
 *    delivery per member carrying its own text (a rotating template that mentions the latest study pack
 *    they missed or the next activity), and nudgeCount/lastNudgedAt bumped — one query for what each
 *    organisation has to tell, one selecting the members, one statement writing it all;
 * 3. alert: members newly 疑似失联 and members the bot cannot reach (no bound WeChat) whom secretaries
 *    have not been told about → one CARE_ALERT message per secretary of the nearest organisation (own
 *    or above) that has one, listing name, last activity and last known whereabouts; careAlertedAt set
 *    — one query selecting the members, then one transaction of two statements; the newly 疑似失联
 *    go to their contact person (结对联系) too, one message each.
 *
 * A secretary or admin leads their own organisation: they are nudged, marked and reported only where an
 * organisation above theirs has a reachable secretary, who then hears about them (careTargetsSql's `above`).
 * So a scan where the only secretary was silent too no longer marks them and reports to nobody.
 *
 * No statement runs per organisation or per member: each selection is one pass over ranges of the
 * (status, lastActiveAt) index, and the writes reach the selected members by primary key.
 *
 * Silence comes from Member.lastActiveAt (every message to the bot or in a linked group: 签到, 报名,
 * 已学 …); the scan walks the (status, lastActiveAt) index. Idempotent for the same `now`: nudged
 * members carry lastNudgedAt = now, alerted ones careAlertedAt, and the broadcasts are keyed.
 */
export async function scanSilentMembers(db: Db, scanOptions: SilentScanOptions): Promise<SilentScanResult> {
  const { budget, ...rules } = scanOptions;
  const options: ScanScope = { ...rules, leadersCaredForIn: await organizationsWithLeadersCaredFor(db) };
  const escalated = await escalateSilentMembers(db, options);
  const nudged = await nudgeSilentMembers(db, options, budget);
  const alerts = await alertSecretaries(db, options);
  return {
    escalated,
    nudged: nudged.nudged,
    leftForNextScan: nudged.leftOver,
    alerted: alerts.alerted,
    alertMessages: alerts.messages,
    nudgeDeliveryIds: nudged.deliveryIds,
    alertDeliveryIds: alerts.deliveryIds,
  };
}

async function organizationsWithLeadersCaredFor(db: Db): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE readers AS (${careReadersSql}), targets AS (${careTargetsSql})
    SELECT id FROM targets WHERE above IS NOT NULL`;
  return rows.map((row) => row.id);
}

/** Silence began at or before this instant for a member silent `days` days at `now`. */
function silentSince(now: Date, days: number): Date {
  return new Date(now.getTime() - days * dayMs);
}

/**
 * Active members silent since `since`, not on leave at `now`: last active then or before, or never active
 * and on the roster since then. Written as two ranges of the (status, lastActiveAt) index (a BitmapOr), not COALESCE.
 */
function activeAndSilentSql(since: Date, options: ScanScope): Prisma.Sql {
  return Prisma.sql`m.status = 'ACTIVE'
    AND (m."lastActiveAt" <= ${since} OR (m."lastActiveAt" IS NULL AND m."createdAt" <= ${since}))
    AND ${notOnLeaveSql(options.now)}
    AND (m.role = 'MEMBER' OR m."organizationId" = ANY(${options.leadersCaredForIn}::int[]))`;
}

/** Not on leave (请假) at `now`: members on leave are neither nudged nor made 疑似失联. */
function notOnLeaveSql(now: Date): Prisma.Sql {
  return Prisma.sql`(m."leaveUntil" IS NULL OR m."leaveUntil" <= ${now})`;
}

/**
 * The scan's three selections of members, as the statements below use them; exported so that the
 * benchmark can EXPLAIN exactly these (alias m for "Member"). Each is one pass over ranges of the
 * (status, lastActiveAt) index. A member's WeChat is looked up per selected member through the
 * unique index of WechatContact (a scalar subquery, which PostgreSQL never turns into a hash join
 * over the whole WechatContact table).
 */
export function silentScanSelections(
  options: SilentScanRules & Partial<ScanScope>,
): { escalate: Prisma.Sql; nudge: Prisma.Sql; alert: Prisma.Sql } {
  const scope: ScanScope = { ...options, leadersCaredForIn: options.leadersCaredForIn ?? [] };
  const since = silentSince(options.now, options.silentAfterDays);
  const contact = Prisma.sql`(SELECT w.id FROM "WechatContact" w WHERE w."memberId" = m.id AND w."unreachableAt" IS NULL)`;
  return {
    escalate: Prisma.sql`SELECT m.id FROM "Member" m WHERE ${escalationSql(scope)}`,
    // The member's WeChat through a lateral look-up by its unique index (never a hash join over every contact),
    // with the account that reaches them, for the budget.
    nudge: Prisma.sql`
      SELECT m.id, w.id AS contact_id, w.account, m."organizationId" AS org_id, m."nudgeCount" AS nudge_count,
        COALESCE(m."lastActiveAt", m."createdAt") AS silent_since
      FROM "Member" m
      JOIN LATERAL (SELECT w.id, w.account FROM "WechatContact" w WHERE w."memberId" = m.id AND w."unreachableAt" IS NULL) w ON true
      WHERE ${activeAndSilentSql(since, scope)} AND m."nudgeCount" < ${options.lostAfterNudges}
        AND (m."lastNudgedAt" IS NULL OR m."lastNudgedAt" < ${nudgedBefore(options)})`,
    // 疑似失联 members not reported yet, and members the bot cannot reach (no bound WeChat): listed from
    // the start when never active, or (bound once) when silent as long as the others.
    alert: Prisma.sql`
      SELECT c.id, c.kind FROM (
        SELECT m.id, CASE WHEN m.status = 'LOST_CONTACT' THEN 'lost' ELSE 'unreachable' END AS kind,
          CASE WHEN m.status = 'ACTIVE' THEN ${contact} END AS contact_id
        FROM "Member" m
        WHERE m."careAlertedAt" IS NULL
          AND (m.status = 'LOST_CONTACT'
            OR (m.status = 'ACTIVE' AND m."lastActiveAt" IS NULL)
            OR (m.status = 'ACTIVE' AND m."lastActiveAt" <= ${since} AND ${notOnLeaveSql(options.now)}))
        OFFSET 0
      ) c
      WHERE c.kind = 'lost' OR c.contact_id IS NULL`,
  };
}

/** Nudged before this instant means due again: once a week in calendar days (the 1st → again from the 8th, whatever the hour). */
function nudgedBefore(options: SilentScanRules): Date {
  const today = localDay(options.now, options.timeZone);
  return localDayBounds(addDays(today, -(options.nudgeIntervalDays - 1)), options.timeZone).start;
}

/** Active members with enough unanswered nudges and long enough silence to be 疑似失联. */
function escalationSql(options: ScanScope): Prisma.Sql {
  return Prisma.sql`${activeAndSilentSql(silentSince(options.now, options.lostAfterDays), options)}
    AND m."nudgeCount" >= ${options.lostAfterNudges}`;
}

async function escalateSilentMembers(db: Db, options: ScanScope): Promise<number> {
  // careAlertedAt cleared: a member told about earlier (e.g. as not yet bound) is news again.
  return db.$executeRaw`
    UPDATE "Member" m SET status = 'LOST_CONTACT', "careAlertedAt" = NULL, "updatedAt" = ${options.now}
    WHERE ${escalationSql(options)}`;
}

interface OrganizationNews {
  id: number;
  pack_title: string | null;
  pack_at: Date | null;
  activity_id: number | null;
  activity_title: string | null;
  activity_at: Date | null;
}

/**
 * What each organisation has to tell a silent member: the latest study pack pushed to it (or to an
 * organisation above — members get those too) and its next open, untargeted activity. Walks the
 * organisation tree once; only organisations with news come back.
 */
async function organizationNews(db: Db, now: Date): Promise<OrganizationNews[]> {
  const packsSince = new Date(now.getTime() - newsWindowDays * dayMs);
  const activitiesUntil = new Date(now.getTime() + newsWindowDays * dayMs);
  return db.$queryRaw<OrganizationNews[]>`
    WITH RECURSIVE own_pack AS (
      SELECT DISTINCT ON (p."organizationId") p."organizationId" AS org_id, p.title, p."pushedAt" AS at
      FROM "StudyPack" p
      WHERE p.status = 'PUSHED' AND p."pushedAt" > ${packsSince} AND p."pushedAt" <= ${now}
      ORDER BY p."organizationId", p."pushedAt" DESC, p.id DESC
    ),
    own_activity AS (
      SELECT DISTINCT ON (a."organizationId") a."organizationId" AS org_id, a.id, a.title, a."startsAt" AS at
      FROM "Activity" a
      WHERE a.status = 'OPEN' AND a."targetTag" IS NULL AND a."startsAt" > ${now} AND a."startsAt" <= ${activitiesUntil}
      ORDER BY a."organizationId", a."startsAt", a.id
    ),
    tree AS (
      SELECT o.id, p.title AS pack_title, p.at AS pack_at, a.id AS activity_id, a.title AS activity_title, a.at AS activity_at
      FROM "Organization" o
      LEFT JOIN own_pack p ON p.org_id = o.id
      LEFT JOIN own_activity a ON a.org_id = o.id
      WHERE o."parentId" IS NULL
      UNION ALL
      SELECT c.id,
        CASE WHEN p.at IS NOT NULL AND (t.pack_at IS NULL OR p.at > t.pack_at) THEN p.title ELSE t.pack_title END,
        CASE WHEN p.at IS NOT NULL AND (t.pack_at IS NULL OR p.at > t.pack_at) THEN p.at ELSE t.pack_at END,
        CASE WHEN a.at IS NOT NULL AND (t.activity_at IS NULL OR a.at < t.activity_at) THEN a.id ELSE t.activity_id END,
        CASE WHEN a.at IS NOT NULL AND (t.activity_at IS NULL OR a.at < t.activity_at) THEN a.title ELSE t.activity_title END,
        CASE WHEN a.at IS NOT NULL AND (t.activity_at IS NULL OR a.at < t.activity_at) THEN a.at ELSE t.activity_at END
      FROM "Organization" c
      JOIN tree t ON c."parentId" = t.id
      LEFT JOIN own_pack p ON p.org_id = c.id
      LEFT JOIN own_activity a ON a.org_id = c.id
    )
    SELECT * FROM tree WHERE pack_title IS NOT NULL OR activity_id IS NOT NULL`;
}

/**
 * The order nudges are written in when the accounts cannot take them all: the step before 疑似失联 (a
 * second nudge) before first nudges, then the longest silent; organisations take turns (withinBudgetSql).
 */
const nudgeOrder = Prisma.sql`nudge_count DESC, silent_since`;

async function nudgeSilentMembers(db: Db, options: ScanScope, budget: ProactiveBudget): Promise<{ nudged: number; leftOver: number; deliveryIds: number[] }> {
  const { now, timeZone, lostAfterNudges } = options;
  const today = localDay(now, timeZone);
  const since = silentSince(now, options.silentAfterDays);
  const key = `nudge-${today}`;
  const rotation = Math.round(dayToDate(today).getTime() / dayMs);

  const news = await organizationNews(db, now);
  const orgIds = news.map((row) => row.id);
  const packAts = news.map((row) => row.pack_at?.toISOString() ?? null);
  const packLines = news.map((row) => (row.pack_title ? missedStudyPackText(row.pack_title) : null));
  const activityLines = news.map((row) =>
    row.activity_id !== null && row.activity_title && row.activity_at
      ? missedActivityText({ id: row.activity_id, title: row.activity_title, when: formatActivityTime(row.activity_at, timeZone) })
      : null,
  );
  const templates = [...nudgeTemplates];

  // One statement: the members due (one pass over the index ranges), those the budget takes, the day's
  // broadcast (only when someone is taken), their counters and one delivery each with its own text; it
  // returns how many were written and, by organisation, how many were left. The UPDATE checks each
  // member again (one who spoke meanwhile is not nudged) and reaches them by primary key (= ANY).
  const counts = await withoutJit(db, async (tx) => {
    const outcome = await tx.$queryRaw<BudgetOutcomeRow[]>`
    WITH news AS (
      SELECT n.org_id, n.pack_at AT TIME ZONE 'UTC' AS pack_at, n.pack_line, n.activity_line
      FROM unnest(${orgIds}::int[], ${packAts}::timestamptz[], ${packLines}::text[], ${activityLines}::text[])
        AS n(org_id, pack_at, pack_line, activity_line)
    ),
    candidates AS MATERIALIZED (${withinBudgetSql(silentScanSelections(options).nudge, nudgeOrder, budget)}),
    due AS MATERIALIZED (SELECT id, contact_id FROM candidates WHERE chosen),
    broadcast AS (
      INSERT INTO "Broadcast" (kind, status, "organizationId", text, key, "confirmedAt")
      SELECT 'NUDGE'::"BroadcastKind", 'CONFIRMED'::"BroadcastStatus", o.id,
        ${`问候较长时间没有动态的党员（${today}，每人文本不同）`}, ${key}, ${now}
      FROM "Organization" o WHERE o."parentId" IS NULL AND EXISTS (SELECT 1 FROM due)
      ORDER BY o.id LIMIT 1
      ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
      RETURNING id
    ),
    bumped AS (
      UPDATE "Member" m SET "nudgeCount" = m."nudgeCount" + 1, "lastNudgedAt" = ${now}, "updatedAt" = ${now}
      FROM due d
      WHERE m.id = d.id AND m.id = ANY(ARRAY(SELECT id FROM due))
        AND m.status = 'ACTIVE' AND COALESCE(m."lastActiveAt", m."createdAt") <= ${since}
        AND m."nudgeCount" < ${lostAfterNudges} AND COALESCE(m."lastNudgedAt" < ${nudgedBefore(options)}, true)
        AND ${notOnLeaveSql(now)}
      RETURNING m.id, m.name, m."organizationId" AS org_id, COALESCE(m."lastActiveAt", m."createdAt") AS silent_since, d.contact_id
    ),
    inserted AS (
    INSERT INTO "Delivery" ("broadcastId", "memberId", "conversationId", capped, text)
    SELECT bc.id, b.id, b.contact_id, true,
      replace(
        replace(replace((${templates}::text[])[1 + (b.id + ${rotation}) % ${templates.length}], '{name}', b.name),
          '{days}', floor(extract(epoch FROM (${now}::timestamptz AT TIME ZONE 'UTC') - b.silent_since) / 86400)::int::text),
        '{missed}',
        COALESCE(CASE WHEN n.pack_at > b.silent_since THEN n.pack_line END, '') || COALESCE(n.activity_line, ''))
    FROM bumped b CROSS JOIN broadcast bc LEFT JOIN news n ON n.org_id = b.org_id
    ON CONFLICT ("broadcastId", "memberId") DO NOTHING
    RETURNING 1
    )
    ${budgetOutcomeSql}`;
    const { written, leftOver } = await recordProactiveBacklog(tx, { job: 'silent-scan', at: now, outcome });
    return { nudged: written, leftOver };
  });
  return { ...counts, deliveryIds: await queuedDeliveries(db, key) };
}

interface AlertRow {
  id: number;
  name: string;
  org_path: string;
  last_active_at: Date | null;
  residence: string | null;
  workplace: string | null;
  kind: 'lost' | 'unreachable';
  target: number;
  target_path: string;
  total: bigint;
}

async function alertSecretaries(
  db: Db,
  options: ScanScope,
): Promise<{ alerted: number; messages: number; deliveryIds: number[] }> {
  const { now, timeZone } = options;
  const key = `care-alert-${now.toISOString()}`;
  const contactPersonKey = `care-alert-contact-${now.toISOString()}`;
  let alerted = 0;
  let messages = 0;

  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL jit = off`;
      // Marks the members to report (those with a secretary to tell; checked again, reached by primary
      // key) and returns, per secretary organisation and list, the first `namesShown` with the total.
      const rows = await tx.$queryRaw<AlertRow[]>`
        WITH RECURSIVE readers AS (${careReadersSql}),
        targets AS (${careTargetsSql}),
        due AS MATERIALIZED (${silentScanSelections(options).alert}),
        marked AS (
          UPDATE "Member" m SET "careAlertedAt" = ${now}, "updatedAt" = ${now}
          FROM due d, targets t
          WHERE m.id = d.id AND m.id = ANY(ARRAY(SELECT id FROM due)) AND t.id = m."organizationId"
            AND ${careTargetOfMemberSql} IS NOT NULL
            AND m."careAlertedAt" IS NULL AND (m.status = 'LOST_CONTACT' OR d.kind = 'unreachable')
          RETURNING m.id, m.name, t.path AS org_path, m."lastActiveAt" AS last_active_at, m.residence, m.workplace,
            d.kind, ${careTargetOfMemberSql} AS target
        ),
        ranked AS (
          SELECT marked.*,
            row_number() OVER (PARTITION BY target, kind ORDER BY last_active_at NULLS FIRST, id) AS rank,
            count(*) OVER (PARTITION BY target, kind) AS total
          FROM marked
        )
        SELECT r.id, r.name, r.org_path, r.last_active_at, r.residence, r.workplace, r.kind, r.target, r.total,
          o.path AS target_path
        FROM ranked r JOIN "Organization" o ON o.id = r.target
        WHERE r.rank <= ${namesShown}
        ORDER BY r.target, r.kind, r.rank`;
      if (rows.length === 0) return;

      const texts = new Map<number, string>();
      const byTarget = new Map<number, AlertRow[]>();
      for (const row of rows) {
        const list = byTarget.get(row.target);
        if (list) list.push(row);
        else byTarget.set(row.target, [row]);
      }
      for (const [target, lists] of byTarget) {
        const lost = lists.filter((row) => row.kind === 'lost');
        const unreachable = lists.filter((row) => row.kind === 'unreachable');
        alerted += Number(lost[0]?.total ?? 0) + Number(unreachable[0]?.total ?? 0);
        texts.set(target, careAlertText({ scopePath: lists[0]!.target_path, lost, unreachable, options }));
      }
      const targets = [...texts.keys()];
      const readers = await tx.$queryRaw<{ member_id: number; org_id: number; contact_id: string }[]>`
        WITH readers AS (${careReadersSql})
        SELECT * FROM readers WHERE org_id = ANY(${targets}::int[])`;
      const broadcast = await tx.broadcast.upsert({
        where: { key },
        create: {
          key,
          kind: 'CARE_ALERT',
          status: 'CONFIRMED',
          organizationId: targets[0]!,
          text: `关心提醒：疑似失联和联系不到的党员（${localDay(now, timeZone)}，每位书记文本不同）`,
          confirmedAt: now,
        },
        update: {},
        select: { id: true },
      });
      // A work message for the secretary: not counted toward their daily cap (quiet hours still hold).
      messages = await tx.$executeRaw`
        INSERT INTO "Delivery" ("broadcastId", "memberId", "conversationId", capped, text)
        SELECT ${broadcast.id}, r.member_id, r.contact_id, false, r.text
        FROM unnest(${readers.map((r) => r.member_id)}::int[], ${readers.map((r) => r.contact_id)}::text[],
                    ${readers.map((r) => texts.get(r.org_id)!)}::text[]) AS r(member_id, contact_id, text)
        ON CONFLICT DO NOTHING`;
      messages += await createContactPersonAlerts(tx, { now, key: contactPersonKey, organizationId: targets[0]!, timeZone });
    },
    { timeout: 120_000, maxWait: 10_000 },
  );

  return { alerted, messages, deliveryIds: [...(await queuedDeliveries(db, key)), ...(await queuedDeliveries(db, contactPersonKey))] };
}

function careAlertText(input: {
  scopePath: string;
  lost: AlertRow[];
  unreachable: AlertRow[];
  options: SilentScanRules;
}): string {
  const { scopePath, lost, unreachable, options } = input;
  const line = (row: AlertRow) =>
    careMemberLine(toCareMember(row), { scopePath, now: options.now, timeZone: options.timeZone, whereabouts: true });
  const lines = [`⚠️ 关心提醒 · ${scopePath}`];
  if (lost.length > 0) {
    const total = Number(lost[0]!.total);
    lines.push(
      `疑似失联 ${total} 人（问候 ${options.lostAfterNudges} 次未回复，${options.lostAfterDays} 天以上没有动态），请设法联系、了解情况：`,
      ...cappedLines(lost.map(line), total),
    );
  }
  if (unreachable.length > 0) {
    const total = Number(unreachable[0]!.total);
    lines.push(
      `未绑定微信 ${total} 人（助手联系不到，请电话或当面联系，并提醒发送「绑定 姓名 手机号后四位」）：`,
      ...cappedLines(unreachable.map(line), total),
    );
  }
  if (lost.length > 0) lines.push('他们再发来消息时，我会告诉您。');
  lines.push('发送「失联预警」可随时查看名单。');
  return lines.join('\n');
}

function toCareMember(row: AlertRow): CareMember {
  return {
    name: row.name,
    organizationPath: row.org_path,
    lastActiveAt: row.last_active_at,
    residence: row.residence,
    workplace: row.workplace,
  };
}

/**
 * Runs `query` with PostgreSQL's JIT compiler off. The selections' per-member WeChat look-ups make
 * the planner's cost estimate large enough to JIT-compile them, which costs more (~80 ms) than the
 * query itself saves.
 */
async function withoutJit<T>(db: Db, query: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL jit = off`;
      return query(tx);
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** Deliveries of the keyed broadcast still to send: this run's, or those a crashed run left. */
async function queuedDeliveries(db: Db, key: string): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT d.id FROM "Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId"
    WHERE b.key = ${key} AND d.status = 'QUEUED'
    ORDER BY d.id`;
  return rows.map((row) => row.id);
}
