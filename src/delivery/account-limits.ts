import type { Redis } from 'ioredis';
import type { Db } from '../db/client.ts';

/**
 * Books one proactive send against the account's cap for a local day, atomically (several
 * processes may send for one account).
 *   KEYS[1]  the account's counter for that day
 *   ARGV     the cap, how long the counter is kept (ms)
 *   returns  1: booked; 0: the cap is reached
 */
const bookDailySendScript = `
local sent = tonumber(redis.call('GET', KEYS[1]) or '0')
if sent >= tonumber(ARGV[1]) then return 0 end
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** Share of the account cap on each day after the first login (day 0 holds the warm-up), then all of it. */
const firstWeekShares = [0.1, 0.1, 0.25, 0.25, 0.5, 0.5, 0.5];
const dayMs = 24 * 3_600_000;

/** Template messages an official account may send a day (WeChat's limit); its 客服消息 have no daily cap. */
export const officialAccountDailyLimit = 100_000;

/** A personal account's cap on the day of `at`: a share of the daily cap in the first week after its first login (warm-up on). */
export function capOnDay(options: { dailyCap: number; warmupMs: number; firstLoginAt: Date; at: Date }): number {
  const { dailyCap, warmupMs, firstLoginAt, at } = options;
  if (warmupMs === 0) return dailyCap;
  const day = Math.floor((at.getTime() - firstLoginAt.getTime()) / dayMs);
  return Math.max(1, Math.floor(dailyCap * (firstWeekShares[day] ?? 1)));
}

/**
 * What the WeChat account itself can bear, shared by every process that sends for it (keyed by
 * BOT_NAME): a pause after WeChat throttled it (a Redis key with a TTL, so it holds across
 * processes and restarts), a daily cap on proactive messages (a Redis counter per local day) and
 * the warm-up after its first login (recorded in PostgreSQL).
 */
export class AccountLimits {
  private firstLogin: Date | undefined;

  constructor(
    private readonly options: {
      redis: Redis;
      db: Db;
      prefix: string;
      account: string;
      dailyCap: number;
      throttlePauseMs: number;
      /** 0: no warm-up and no first-week ramp. */
      warmupMs: number;
    },
  ) {}

  get throttlePauseMs(): number {
    return this.options.throttlePauseMs;
  }

  private key(what: string): string {
    return `${this.options.prefix}:account:${this.options.account}:${what}`;
  }

  /** WeChat throttled the account: pause proactive sends. True when this starts a pause (alert once per pause). */
  async pauseForThrottling(): Promise<boolean> {
    return (await this.options.redis.set(this.key('throttled'), '1', 'PX', this.options.throttlePauseMs, 'NX')) === 'OK';
  }

  /** When the current throttling pause ends (epoch ms), or null when there is none. */
  async throttledUntil(): Promise<number | null> {
    const leftMs = await this.options.redis.pttl(this.key('throttled'));
    return leftMs > 0 ? Date.now() + leftMs : null;
  }

  /** The account's first login, recorded now if there is none yet. */
  async recordLogin(at: Date): Promise<Date> {
    if (this.firstLogin) return this.firstLogin;
    const name = this.options.account;
    // Not an upsert: two logins close together (or two processes) would race it into a unique violation.
    await this.options.db.botAccount.createMany({ data: [{ name, firstLoginAt: at }], skipDuplicates: true });
    const row = await this.options.db.botAccount.findUniqueOrThrow({ where: { name }, select: { firstLoginAt: true } });
    this.firstLogin = row.firstLoginAt;
    return row.firstLoginAt;
  }

  /** The end of the warm-up, if `at` is inside it. */
  async warmupEnd(at: Date): Promise<Date | null> {
    if (this.options.warmupMs === 0) return null;
    const end = (await this.recordLogin(at)).getTime() + this.options.warmupMs;
    return at.getTime() < end ? new Date(end) : null;
  }

  /** The account's cap on the day of `at`: a share of ACCOUNT_DAILY_CAP in the first week after its first login. */
  async capOn(at: Date): Promise<number> {
    const { dailyCap, warmupMs } = this.options;
    if (warmupMs === 0) return dailyCap;
    return capOnDay({ dailyCap, warmupMs, firstLoginAt: await this.recordLogin(at), at });
  }

  /**
   * The official account says so where the scheduled jobs budget (BotAccount.officialAccount): its
   * capacity is WeChat's template quota, not a personal account's cap. Its warm-up is off, so this row is its only record.
   */
  async recordOfficialAccount(at: Date): Promise<void> {
    const name = this.options.account;
    await this.options.db.botAccount.createMany({ data: [{ name, firstLoginAt: at, officialAccount: true }], skipDuplicates: true });
    await this.options.db.botAccount.updateMany({ where: { name, officialAccount: false }, data: { officialAccount: true } });
  }

  /**
   * For the forecast, read without recording a login: the warm-up's end (if `at` is inside it) and
   * the cap on the day of `at`; null before the account's first login.
   */
  async readLimits(at: Date): Promise<{ warmupEnd: Date | null; cap: number } | null> {
    const { db, account, dailyCap, warmupMs } = this.options;
    const row = await db.botAccount.findUnique({ where: { name: account }, select: { firstLoginAt: true } });
    if (!row) return null;
    const end = row.firstLoginAt.getTime() + warmupMs;
    return { warmupEnd: warmupMs > 0 && at.getTime() < end ? new Date(end) : null, cap: capOnDay({ dailyCap, warmupMs, firstLoginAt: row.firstLoginAt, at }) };
  }

  /** Proactive sends booked on a local day (YYYY-MM-DD), for the forecast. */
  async bookedOn(day: string): Promise<number> {
    return Number((await this.options.redis.get(this.key(`sent:${day}`))) ?? 0);
  }

  /** Books a proactive send on a local day (YYYY-MM-DD); false when the day's cap is reached. */
  async bookDailySend(day: string, cap: number): Promise<boolean> {
    const booked = await this.options.redis.eval(bookDailySendScript, 1, this.key(`sent:${day}`), cap, 2 * dayMs);
    return booked === 1;
  }
}
