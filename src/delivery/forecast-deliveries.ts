import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { Prisma, type BroadcastKind } from '../generated/prisma/client.ts';
import { broadcastRecipientsSql } from '../domain/broadcasts/create-broadcast-deliveries.ts';
import { addDays, localDay, localDayBounds, zonedTime } from '../domain/shared/local-day.ts';
import type { ForecastGroup, ForecastReason, SendingForecast } from '../domain/shared/sending-forecast.ts';
import type { AccountLimits } from './account-limits.ts';
import { templateKindOf } from './delivery-state.ts';
import { quietHoursEnd, type QuietHours } from './quiet-hours.ts';

interface RecipientRow {
  member_id: number;
  status: string;
  reason: string | null;
  capped: boolean;
  last_active_at: Date | null;
  /** Capped messages sent to the member today… */
  sent_today: number;
  /** …and waiting before this one. */
  ahead: number;
}

const reasonOrder: ForecastReason[] = ['sent', 'today', 'logged-out', 'member-cap', 'throttled', 'warm-up', 'quiet-hours', 'account-cap', 'window', 'unreachable', 'failed', 'dropped'];
/** WeChat's 48-hour window for 客服消息 after the member's last message. */
const windowMs = 48 * 3_600_000;

/**
 * What the outbox will do with a broadcast's messages, member by member, by the same rules it
 * applies when each one's turn comes (outbox-worker.ts): a logged-out account holds everything;
 * then quiet hours and the member's daily cap (DAILY_MESSAGE_CAP, counted from sent deliveries, in
 * queue order); then the account's throttling pause, warm-up and daily cap (with what waits ahead of
 * it) and, on a personal account, the pace until quiet hours; on the official account, a member
 * outside the 48-hour window gets it only by a template configured for its kind, else at their next
 * message. Two SQL statements and a few Redis reads, whatever the number of members.
 */
export class DeliveryForecaster {
  constructor(
    private readonly options: {
      db: Db;
      account: AccountLimits;
      quietHours: QuietHours | null;
      /** Per member. */
      dailyCap: number;
      timeZone: string;
      /** The average spacing of proactive messages (0 on the official account). */
      paceMs: number;
      /** The official account's templates; null on a personal account. */
      templates: Config['OA_TEMPLATES'] | null;
      /** The account is logged out: the outbox waits. */
      isHeld: () => boolean;
      now: () => Date;
    },
  ) {}

  /** A broadcast's members: its deliveries once written (确认), else whom it would reach (the preview). */
  async forBroadcast(broadcastId: number): Promise<SendingForecast> {
    const { db } = this.options;
    const broadcast = await db.broadcast.findUniqueOrThrow({ where: { id: broadcastId }, select: { kind: true, urgent: true, jobPostId: true } });
    const written = await db.delivery.findFirst({ where: { broadcastId }, select: { id: true } });
    const recipients = written
      ? Prisma.sql`
          SELECT d."memberId" AS member_id, d.id AS delivery_id, d.status::text AS status, d.reason, d.capped
          FROM "Delivery" d WHERE d."broadcastId" = ${broadcastId} AND d."memberId" IS NOT NULL`
      : Prisma.sql`
          SELECT r.member_id, NULL::int AS delivery_id, r.status, r.reason, ${!broadcast.urgent}::boolean AS capped
          FROM (${broadcastRecipientsSql(broadcastId, broadcast.jobPostId ? 'job-seekers' : 'organization')}) r`;
    return this.forecast(recipients, broadcastId, broadcast.kind);
  }

  private async forecast(recipients: Prisma.Sql, broadcastId: number, kind: BroadcastKind): Promise<SendingForecast> {
    const { db, account, quietHours, dailyCap, timeZone } = this.options;
    const now = this.options.now();
    const today = localDay(now, timeZone);
    const { start, end } = localDayBounds(today, timeZone);
    const rows = await db.$queryRaw<RecipientRow[]>`
      WITH r AS MATERIALIZED (${recipients}),
      sent AS (
        SELECT d."memberId" AS member_id, count(*)::int AS n FROM "Delivery" d
        WHERE d."memberId" IN (SELECT member_id FROM r) AND d.capped AND d.status = 'SENT' AND d."sentAt" >= ${start} AND d."sentAt" < ${end}
        GROUP BY 1),
      ahead AS (
        SELECT r.member_id, r.delivery_id, count(*)::int AS n FROM r
        JOIN "Delivery" q ON q."memberId" = r.member_id AND q.status = 'QUEUED' AND q.capped AND (r.delivery_id IS NULL OR q.id < r.delivery_id)
        WHERE r.capped AND r.status = 'QUEUED'
        GROUP BY 1, 2)
      SELECT r.member_id, r.status, r.reason, r.capped, m."lastActiveAt" AS last_active_at,
             COALESCE(s.n, 0) AS sent_today, COALESCE(a.n, 0) AS ahead
      FROM r JOIN "Member" m ON m.id = r.member_id
      LEFT JOIN sent s ON s.member_id = r.member_id
      LEFT JOIN ahead a ON a.member_id = r.member_id AND a.delivery_id IS NOT DISTINCT FROM r.delivery_id
      ORDER BY r.delivery_id NULLS LAST, r.member_id`;

    const [limits, pausedUntil] = await Promise.all([account.readLimits(now), account.throttledUntil()]);
    const held = this.options.isHeld() || limits === null;
    const quietEnd = quietHoursEnd(now, quietHours, timeZone);
    // After quiet hours that end on a later day, the member's count starts afresh.
    const firstDay = quietEnd ? localDay(quietEnd, timeZone) : today;
    const sendingStarts = (day: string): Date => {
      const dayStart = localDayBounds(day, timeZone).start;
      return quietHoursEnd(dayStart, quietHours, timeZone) ?? dayStart;
    };
    const slots = held || quietEnd || pausedUntil || limits.warmupEnd ? 0 : await this.slotsLeftToday({ now, cap: limits.cap, rows, broadcastId });
    const windowClosedSince = new Date(now.getTime() - windowMs);
    const needsWindow = this.options.templates !== null && !this.templateFor(kind);

    let used = 0;
    const members = new Map<number, { reason: ForecastReason; at: Date | null }>();
    for (const row of rows) {
      const decide = (): { reason: ForecastReason; at: Date | null } => {
        if (row.status === 'SENT') return { reason: 'sent', at: null };
        if (row.status === 'DROPPED') return { reason: 'dropped', at: null };
        if (row.status === 'FAILED') return { reason: /^(no WeChat bound|unreachable)/.test(row.reason ?? '') ? 'unreachable' : 'failed', at: null };
        if (row.status === 'SENDING') return { reason: 'today', at: null };
        if (held) return { reason: 'logged-out', at: null };
        const memberDay = row.capped ? Math.floor(((firstDay === today ? row.sent_today : 0) + row.ahead) / dailyCap) : 0;
        if (memberDay > 0) return { reason: 'member-cap', at: sendingStarts(addDays(firstDay, memberDay)) };
        if (pausedUntil) return { reason: 'throttled', at: new Date(pausedUntil) };
        if (limits.warmupEnd) return { reason: 'warm-up', at: limits.warmupEnd };
        if (quietEnd) return { reason: 'quiet-hours', at: quietEnd };
        if (++used > slots) return { reason: 'account-cap', at: sendingStarts(addDays(today, 1)) };
        if (needsWindow && (row.last_active_at === null || row.last_active_at < windowClosedSince)) return { reason: 'window', at: null };
        return { reason: 'today', at: null };
      };
      members.set(row.member_id, decide());
    }
    return { asOf: now, total: rows.length, groups: groupByReason(members), members };
  }

  /**
   * How many more proactive messages the account sends today: its cap less what it booked and what
   * waits ahead of these (and will go today), and on a personal account no more than its pace allows before quiet hours.
   */
  private async slotsLeftToday(options: { now: Date; cap: number; rows: RecipientRow[]; broadcastId: number }): Promise<number> {
    const { now, cap, rows, broadcastId } = options;
    if (!rows.some((row) => row.status === 'QUEUED')) return 0;
    const { db, account, dailyCap, timeZone, quietHours, paceMs } = this.options;
    const today = localDay(now, timeZone);
    const { start, end } = localDayBounds(today, timeZone);
    const [booked, [waiting]] = await Promise.all([
      account.bookedOn(today),
      // What waits ahead: earlier broadcasts' queued messages, not waiting for a member's next message or past its member's cap today.
      db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Delivery" d
        WHERE d.status = 'QUEUED' AND d."awaitingSince" IS NULL AND d."broadcastId" < ${broadcastId}
          AND NOT (d.capped AND d."memberId" IS NOT NULL AND (
            SELECT count(*) FROM "Delivery" s
            WHERE s."memberId" = d."memberId" AND s.capped AND s.status = 'SENT' AND s."sentAt" >= ${start} AND s."sentAt" < ${end}) >= ${dailyCap})`,
    ]);
    const ahead = waiting?.n ?? 0;
    let pace = Number.POSITIVE_INFINITY;
    if (paceMs > 0) {
      const quietStart = quietHours ? zonedTime(today, Math.floor(quietHours.start / 60), quietHours.start % 60, timeZone) : end;
      pace = Math.floor(((quietStart > now ? quietStart : end).getTime() - now.getTime()) / paceMs);
    }
    return Math.max(0, Math.min(cap - booked, pace) - ahead);
  }

  private templateFor(kind: BroadcastKind): boolean {
    const templates = this.options.templates ?? {};
    return Boolean(templates[templateKindOf[kind]] ?? templates.default);
  }
}

function groupByReason(members: SendingForecast['members']): ForecastGroup[] {
  const groups = new Map<string, ForecastGroup>();
  for (const { reason, at } of members.values()) {
    const key = `${reason}|${at?.getTime() ?? ''}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { reason, at, count: 1 });
  }
  return [...groups.values()].sort(
    (a, b) => reasonOrder.indexOf(a.reason) - reasonOrder.indexOf(b.reason) || (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0),
  );
}
