import type { Config } from '../config.ts';
import { databaseName, dropDatabase, withDatabaseName } from '../db/migrate.ts';
import { createRedis } from '../queues/redis.ts';

/**
 * The simulator never touches the real data: it works in its own database (`<name>_simulator`)
 * and under its own Redis prefix, both emptied at every start so a script replays the same way.
 */
export async function freshSimulatorConfig(config: Config): Promise<Config> {
  const databaseUrl = withDatabaseName(config.DATABASE_URL, `${databaseName(config.DATABASE_URL)}_simulator`);
  const prefix = `${config.QUEUE_PREFIX}-simulator`;
  await dropDatabase(databaseUrl);
  const redis = createRedis(config.REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return { ...config, DATABASE_URL: databaseUrl, QUEUE_PREFIX: prefix };
}
