import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * One ioredis connection as BullMQ wants it: `maxRetriesPerRequest: null` makes commands wait
 * (in ioredis' offline queue) while Redis restarts instead of failing, so intake never drops
 * a message during a Redis blip.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * Connection options for a BullMQ Worker, so that it opens connections of its own rather than
 * sharing ours: closing a worker then closes its connections too, which a shared connection
 * does not allow (after Redis cut the connections, a worker on a shared one could hang on close).
 */
export function workerConnection(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null };
}

/** BullMQ job ids may not contain ':' nor be all digits; WeChat ids can be either. */
export function jobIdPart(id: string): string {
  return id.replaceAll(':', '_');
}
