import { Redis } from 'ioredis';
import pg from 'pg';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';

/**
 * A check tries this many times, each within the timeout: a connection cut once (a blip, or another
 * test run's CLIENT KILL on a shared Redis) is no reason to refuse start-up; three tries still give
 * up within 10 s.
 */
const attempts = 3;
const timeoutMs = 2_500;
const pauseMs = 300;

/** PostgreSQL or Redis cannot be used as configured; the message is one line saying what to do. */
export class ServiceError extends Error {
  override name = 'ServiceError';
}

/**
 * Throws a ServiceError unless the PostgreSQL server of `databaseUrl` answers (its database may not exist yet);
 * `variable` is where the URL came from, named in the message.
 */
export async function checkPostgres(databaseUrl: string, variable = 'DATABASE_URL'): Promise<void> {
  await tryAgain(
    async () => {
      const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
      client.on('error', () => {});
      try {
        await client.connect();
      } catch (error) {
        // invalid_catalog_name: the server is up; start-up and the CLIs create the database.
        if ((error as { code?: string }).code !== '3D000') throw error;
      } finally {
        await client.end().catch(() => {});
      }
    },
    (error) =>
      `连不上 PostgreSQL（${redactedUrl(databaseUrl)}，${reason(error)}）：请先启动它（例如 sudo service postgresql start），或把 ${variable} 改为正在运行的服务器。`,
  );
}

export interface RedisPersistence {
  appendonly: boolean;
  maxmemoryPolicy: string;
}

/** Throws a ServiceError unless Redis answers; returns what it says about keeping data. */
export async function checkRedis(redisUrl: string): Promise<RedisPersistence> {
  return tryAgain(
    async () => {
      // No reconnecting and no offline queue: the assistant's own connections wait for Redis forever, this one must not.
      const redis = new Redis(redisUrl, {
        lazyConnect: true,
        connectTimeout: timeoutMs,
        commandTimeout: timeoutMs,
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        retryStrategy: () => null,
      });
      redis.on('error', () => {});
      try {
        await redis.connect();
        // INFO rather than CONFIG GET, which hosted Redis services often disable.
        const info = await redis.info();
        return { appendonly: infoField(info, 'aof_enabled') === '1', maxmemoryPolicy: infoField(info, 'maxmemory_policy') ?? 'unknown' };
      } finally {
        redis.disconnect();
      }
    },
    (error) =>
      `连不上 Redis（${redactedUrl(redisUrl)}，${reason(error)}）：请先启动它（例如 redis-server --appendonly yes），或把 REDIS_URL 改为正在运行的 Redis。`,
  );
}

/** `attempts` tries of `check`; then a ServiceError with `message` for the last failure. */
async function tryAgain<T>(check: () => Promise<T>, message: (error: unknown) => string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt === attempts) throw new ServiceError(message(error));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

/**
 * Intake keeps a member's message only in Redis until PostgreSQL has it: without appendonly a
 * Redis restart forgets it, and an eviction policy may drop it. With a puppet configured that
 * refuses start-up unless ALLOW_VOLATILE_REDIS=true; without a puppet (the simulator, tests) it only warns —
 * and not even that with ALLOW_VOLATILE_REDIS=true: no account is at stake and the loss was accepted.
 */
export async function requireDurableRedis(config: Config, log: Logger): Promise<void> {
  const persistence = await checkRedis(config.REDIS_URL);
  const risks = [
    ...(persistence.appendonly ? [] : ['appendonly 为 no']),
    ...(persistence.maxmemoryPolicy === 'noeviction' ? [] : [`maxmemory-policy 为 ${persistence.maxmemoryPolicy}`]),
  ];
  if (risks.length === 0) return;
  const message =
    `Redis（${redactedUrl(config.REDIS_URL)}）可能丢失等待中的消息（${risks.join('，')}）：请以 appendonly yes 和 ` +
    'maxmemory-policy noeviction 运行它（写进 redis.conf，或 CONFIG SET 后 CONFIG REWRITE），或设置 ALLOW_VOLATILE_REDIS=true 接受这种风险。';
  if (config.WECHATY_PUPPET && !config.ALLOW_VOLATILE_REDIS) throw new ServiceError(message);
  if (config.WECHATY_PUPPET || !config.ALLOW_VOLATILE_REDIS) log.warn({ risks }, message);
}

function infoField(info: string, name: string): string | undefined {
  return new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

/** URLs may carry a password; it stays out of messages and logs. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim() || String((error as { code?: string }).code ?? 'no answer');
}
