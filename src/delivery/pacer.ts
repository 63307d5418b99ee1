import type { Redis } from 'ioredis';

/**
 * Books one send slot for a bot account, atomically, so that every process sending for the
 * account keeps one pace.
 *   KEYS[1]  the account's pacing hash: next (proactive message), reply (reply), group (group
 *            post), stranger (reply to an unbound contact), ticket (the last stranger turn handed out)
 *   ARGV     spacing ms (interval + this draw's jitter), group pause ms, stranger gap ms,
 *            to group (0/1), to stranger (0/1), how long the hash outlives the last time it holds,
 *            reply (0/1), reply spacing ms (reply interval + this draw's jitter)
 * Every message, of either kind, pushes both next and reply: a proactive message waits the long
 * spacing after any message, a reply only the short one, so replies never queue behind the
 * proactive pace and the account's total stays at one message per reply spacing at most.
 *   returns  {1, ms to wait}: booked, send after that wait;
 *            {0, ms to wait}: a stranger's turn is not yet due; come back after that wait (a turn
 *            spaced one gap after the last one handed out, so waiting strangers queue in order)
 * Redis' clock, not the callers': processes on several machines agree on "now".
 */
const bookSlotScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'next', 'group', 'stranger', 'ticket', 'reply')
local nextSend = tonumber(state[1]) or 0
local nextGroup = tonumber(state[2]) or 0
local nextStranger = tonumber(state[3]) or 0
local lastTicket = tonumber(state[4]) or 0
local nextReply = tonumber(state[5]) or 0
local spacing, groupPause, strangerGap = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local toGroup, toStranger = ARGV[4] == '1', ARGV[5] == '1'
local isReply, replySpacing = ARGV[7] == '1', tonumber(ARGV[8])
local function keep(latest)
  redis.call('PEXPIRE', KEYS[1], math.max(0, latest - now) + tonumber(ARGV[6]))
end
-- A quarter gap of tolerance: a turn handed out is due, even if its job comes back a little early.
if toStranger and now < nextStranger - strangerGap / 4 then
  local ticket = math.max(lastTicket + strangerGap, nextStranger)
  redis.call('HSET', KEYS[1], 'ticket', ticket)
  keep(ticket)
  return {0, ticket - now}
end
local sendAt = math.max(now, isReply and nextReply or nextSend)
if toGroup then sendAt = math.max(sendAt, nextGroup) end
redis.call('HSET', KEYS[1], 'next', math.max(nextSend, sendAt + spacing), 'reply', math.max(nextReply, sendAt + replySpacing))
if toGroup then redis.call('HSET', KEYS[1], 'group', sendAt + groupPause) end
if toStranger then
  nextStranger = math.max(nextStranger, now) + strangerGap
  redis.call('HSET', KEYS[1], 'stranger', nextStranger)
end
keep(math.max(sendAt + spacing, nextSend, nextStranger, lastTicket))
return {1, sendAt - now}
`;

/**
 * Counts the spacing from when a message actually left, not from its slot: a send that came late
 * (a busy process, a slow puppet) must not let the next one follow it closely.
 *   KEYS[1]  the account's pacing hash (as above)
 *   ARGV     spacing ms, reply spacing ms (the draw of the slot), group pause ms, to group (0/1),
 *            how long the hash outlives the last time it holds
 */
const recordSentScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'next', 'reply', 'group')
local nextSend = math.max(tonumber(state[1]) or 0, now + tonumber(ARGV[1]))
redis.call('HSET', KEYS[1], 'next', nextSend, 'reply', math.max(tonumber(state[2]) or 0, now + tonumber(ARGV[2])))
if ARGV[4] == '1' then redis.call('HSET', KEYS[1], 'group', math.max(tonumber(state[3]) or 0, now + tonumber(ARGV[3]))) end
if redis.call('PTTL', KEYS[1]) < nextSend - now + tonumber(ARGV[5]) then redis.call('PEXPIRE', KEYS[1], nextSend - now + tonumber(ARGV[5])) end
return 1
`;

export interface PacerTimings {
  /** Proactive messages: at most one per interval plus jitter after any message. */
  intervalMs: number;
  jitterMs: number;
  /** Replies: at most one per reply interval plus reply jitter after any message. */
  replyIntervalMs: number;
  replyJitterMs: number;
  groupPauseMs: number;
  /** Replies to unbound contacts take at most this share of the pace (0.1: one send in ten). */
  strangerShare: number;
}

/**
 * Keeps the bot's WeChat account looking like a careful person: at most one message every
 * `intervalMs` plus a random jitter, a longer pause between posts to group chats, and replies
 * to strangers (contacts not bound to a member) limited to a small share of the pace, so that
 * a flood of them cannot crowd out members. The slots live in Redis, one set per bot account:
 * two processes on one account still send one message per interval.
 */
export class Pacer {
  /** The spacings drawn for the slot booked last (a worker books and sends one message at a time). */
  private lastDraw = { spacing: 0, replySpacing: 0 };

  constructor(
    private readonly options: PacerTimings & {
      redis: Redis;
      /** The Redis key of the account's slots (see pacerKey). */
      key: string;
      random?: () => number;
      sleep?: (ms: number) => Promise<void>;
    },
  ) {}

  /**
   * Waits for the next slot and books it. A reply to a stranger whose share is used up is not
   * booked: it gets the time to come back, so that the caller can put it aside meanwhile.
   */
  async waitTurn(to: { group: boolean; reply?: boolean; stranger?: boolean }): Promise<{ booked: true } | { booked: false; retryInMs: number }> {
    const { intervalMs, jitterMs, replyIntervalMs, replyJitterMs, groupPauseMs, strangerShare } = this.options;
    const draw = (this.options.random ?? Math.random)();
    const spacing = intervalMs + Math.round(draw * jitterMs);
    const replySpacing = replyIntervalMs + Math.round(draw * replyJitterMs);
    const strangerGap = Math.round((intervalMs + jitterMs / 2) / strangerShare);
    // Kept a while past the last time it holds, then dropped: an idle account leaves no key behind.
    const expiry = Math.max(groupPauseMs, strangerGap) + 60_000;
    const [booked, waitMs] = (await this.options.redis.eval(
      bookSlotScript,
      1,
      this.options.key,
      spacing,
      groupPauseMs,
      strangerGap,
      to.group ? 1 : 0,
      to.stranger ? 1 : 0,
      expiry,
      to.reply ? 1 : 0,
      replySpacing,
    )) as [number, number];
    if (booked === 0) return { booked: false, retryInMs: waitMs };
    this.lastDraw = { spacing, replySpacing };
    if (waitMs > 0) await (this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))))(waitMs);
    return { booked: true };
  }

  /** The message of the last booked slot has been handed to WeChat (or tried): the spacing runs from now. */
  async sent(to: { group: boolean }): Promise<void> {
    const { groupPauseMs, intervalMs, jitterMs, strangerShare } = this.options;
    const expiry = Math.max(groupPauseMs, Math.round((intervalMs + jitterMs / 2) / strangerShare)) + 60_000;
    await this.options.redis.eval(
      recordSentScript,
      1,
      this.options.key,
      this.lastDraw.spacing,
      this.lastDraw.replySpacing,
      groupPauseMs,
      to.group ? 1 : 0,
      expiry,
    );
  }
}

/** One pace per bot account, shared by every process that sends for it. */
export function pacerKey(prefix: string, account: string): string {
  return `${prefix}:pacer:${account}`;
}
