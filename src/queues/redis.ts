import { Redis } from 'ioredis';

/**
 * One ioredis connection as BullMQ wants it: `maxRetriesPerRequest: null` makes commands wait
 * (in ioredis' offline queue) while Redis restarts instead of failing, so intake never drops
 * a message during a Redis blip.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** BullMQ job ids may not contain ':' nor be all digits; WeChat ids can be either. */
export function jobIdPart(id: string): string {
  return id.replaceAll(':', '_');
}
