import type { Redis } from 'ioredis';

/** WeChat's rules for 客服消息: after a member's message, 5 within 48 hours; after a click, follow or scan, 3 within a minute. */
export const messageWindow = { ms: 48 * 3_600_000, sends: 5 } as const;
export const eventWindow = { ms: 60_000, sends: 3 } as const;

/**
 * Takes one 客服消息 from the member's open windows, the one closing first (the event window).
 *   KEYS[1]  the member's window hash: msgAt, msgUsed, evtAt, evtUsed
 *   ARGV     now (ms), the event window's length and sends, the message window's length and sends
 *   returns  1: taken; 0: no window open with sends left
 */
const takeSendScript = `
local now = tonumber(ARGV[1])
local window = redis.call('HMGET', KEYS[1], 'evtAt', 'evtUsed', 'msgAt', 'msgUsed')
local evtAt, evtUsed = tonumber(window[1]), tonumber(window[2] or '0')
if evtAt and now - evtAt <= tonumber(ARGV[2]) and evtUsed < tonumber(ARGV[3]) then
  redis.call('HINCRBY', KEYS[1], 'evtUsed', 1)
  return 1
end
local msgAt, msgUsed = tonumber(window[3]), tonumber(window[4] or '0')
if msgAt and now - msgAt <= tonumber(ARGV[4]) and msgUsed < tonumber(ARGV[5]) then
  redis.call('HINCRBY', KEYS[1], 'msgUsed', 1)
  return 1
end
return 0
`;

/**
 * Opens a window with its full count for a message (or event) not seen before: WeChat retries a
 * callback it thinks we missed, and the retry must not count the window afresh; two messages in
 * the same second each do.
 *   KEYS[1]  the member's window hash
 *   ARGV     the field pair (evt or msg), when (ms), the message's id, how long the hash is kept (ms)
 */
const openScript = `
if redis.call('HGET', KEYS[1], ARGV[1] .. 'Id') == ARGV[3] then return 0 end
local at = math.max(tonumber(ARGV[2]), tonumber(redis.call('HGET', KEYS[1], ARGV[1] .. 'At') or '0'))
redis.call('HSET', KEYS[1], ARGV[1] .. 'At', at, ARGV[1] .. 'Used', 0, ARGV[1] .. 'Id', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/**
 * Each member's 客服消息 windows on the official account, in Redis so that every process serving
 * the account shares them. Only our guess of WeChat's state: WeChat's own answer (45015, 45047)
 * closes a window we thought open.
 */
export class InteractionWindows {
  constructor(private readonly options: { redis: Redis; prefix: string; account: string }) {}

  private key(openId: string): string {
    return `${this.options.prefix}:oa-window:${this.options.account}:${openId}`;
  }

  /** The member wrote (a message) or clicked, followed or scanned (an event): a new window with its full count, once per message. */
  async opened(openId: string, kind: 'message' | 'event', at: Date, messageId: string): Promise<void> {
    await this.options.redis.eval(openScript, 1, this.key(openId), kind === 'message' ? 'msg' : 'evt', at.getTime(), messageId, messageWindow.ms);
  }

  /** True when a 客服消息 may be tried now; it is counted against the window. */
  async takeSend(openId: string, at: Date): Promise<boolean> {
    const taken = await this.options.redis.eval(
      takeSendScript,
      1,
      this.key(openId),
      at.getTime(),
      eventWindow.ms,
      eventWindow.sends,
      messageWindow.ms,
      messageWindow.sends,
    );
    return taken === 1;
  }

  /** WeChat said the window is closed or spent. */
  async close(openId: string): Promise<void> {
    await this.options.redis.del(this.key(openId));
  }
}
