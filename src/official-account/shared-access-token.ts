import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';

/** WeChat hands out the next token in a token's last 5 minutes (the old one keeps working till its end): renew then. */
const renewBeforeMs = 5 * 60_000;
/** A renewal that brought the same token back (WeChat's clock disagrees) is tried again after this long, not on every call. */
const renewAgainMs = 60_000;
const pollMs = 50;

export interface FetchedToken {
  token: string;
  expiresInSeconds: number;
}

export interface SharedAccessTokenOptions {
  redis: Redis;
  /** The Redis key of the token; `${key}-lock` is the lock of whoever is fetching one. */
  key: string;
  log: Logger;
  now: () => number;
  /** How long one renewal may take (two stable_token calls at most); the lock expires after it. */
  lockMs: number;
  /** POST /cgi-bin/stable_token. */
  fetchToken: (forceRefresh: boolean) => Promise<FetchedToken>;
}

interface StoredToken {
  token: string;
  expiresAt: number;
  renewAt: number;
}

/** Deletes the stored token only if it is still the one WeChat rejected (another process may have stored a new one). */
const dropIfScript = `
if redis.call('HGET', KEYS[1], 'token') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
/** Releases the lock only if this process still holds it (it may have expired and been taken by another). */
const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * The official account's access token, kept in Redis for every process of the deployment: one
 * process fetches it at a time (SET NX PX lock), the others wait and read what it stored. Each
 * stable_token call in force mode invalidates the token all processes use, and is limited per day,
 * so it is made only when WeChat rejected a token that the normal call still returns.
 * The token never goes into a log or an error message.
 */
export class SharedAccessToken {
  #renewal?: Promise<string>;

  constructor(private readonly options: SharedAccessTokenOptions) {}

  /** A token with more than 5 minutes left. */
  async current(): Promise<string> {
    const stored = await this.read();
    if (stored && this.options.now() < stored.renewAt) return stored.token;
    return this.renew(stored?.token, false);
  }

  /** After WeChat rejected `rejected` (40001, 42001, 40014): forgets it and gets another. */
  async replace(rejected: string): Promise<string> {
    await this.options.redis.eval(dropIfScript, 1, this.options.key, rejected);
    return this.renew(rejected, true);
  }

  /** One renewal per process at a time; callers arriving meanwhile share its result. */
  private renew(stale: string | undefined, rejected: boolean): Promise<string> {
    this.#renewal ??= this.renewAcrossProcesses(stale, rejected).finally(() => {
      this.#renewal = undefined;
    });
    return this.#renewal;
  }

  private async renewAcrossProcesses(stale: string | undefined, rejected: boolean): Promise<string> {
    const { redis, key, lockMs } = this.options;
    const usable = (stored: StoredToken | undefined): stored is StoredToken =>
      stored !== undefined && this.options.now() < stored.renewAt && !(rejected && stored.token === stale);
    const lockKey = `${key}-lock`;
    const holder = randomUUID();
    const giveUpAt = Date.now() + lockMs + 1_000;
    for (;;) {
      if (await redis.set(lockKey, holder, 'PX', lockMs, 'NX')) {
        try {
          // Another process may have stored a new token while this one waited for the lock.
          const stored = await this.read();
          return usable(stored) ? stored.token : await this.fetchAndStore(stale, rejected);
        } finally {
          await redis.eval(releaseScript, 1, lockKey, holder);
        }
      }
      await sleep(pollMs);
      const stored = await this.read();
      if (usable(stored)) return stored.token;
      if (Date.now() > giveUpAt) throw new Error('official account: no access token was stored in time by the process renewing it');
    }
  }

  private async fetchAndStore(stale: string | undefined, rejected: boolean): Promise<string> {
    const { fetchToken, now, log } = this.options;
    let fetched = await fetchToken(false);
    const forced = rejected && fetched.token === stale;
    // WeChat still hands out the token it just rejected: only force mode gets a new one.
    if (forced) fetched = await fetchToken(true);
    const at = now();
    const expiresAt = at + fetched.expiresInSeconds * 1000;
    const renewAt = Math.min(expiresAt, Math.max(expiresAt - renewBeforeMs, at + renewAgainMs));
    await this.options.redis
      .multi()
      .hset(this.options.key, { token: fetched.token, expiresAt, renewAt })
      .pexpire(this.options.key, Math.max(1, expiresAt - at))
      .exec();
    log.info({ forced, expiresInSeconds: fetched.expiresInSeconds }, 'official account access token renewed');
    return fetched.token;
  }

  private async read(): Promise<StoredToken | undefined> {
    const fields = await this.options.redis.hgetall(this.options.key);
    if (!fields.token) return undefined;
    return { token: fields.token, expiresAt: Number(fields.expiresAt), renewAt: Number(fields.renewAt) };
  }
}
