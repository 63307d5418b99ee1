import { existsSync } from 'node:fs';
import { checkPostgres, checkRedis, ServiceError } from './check-services.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';

/**
 * The configuration for a command-line entry point (`npm start`, the scripts): `.env` in the
 * working directory if there is one, then the environment; a bad value prints which and exits 1.
 */
export function readConfig(overrides: Record<string, string> = {}): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig({ ...overrides, ...process.env });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/**
 * For a command-line entry point: PostgreSQL (unless `postgres: false`) and Redis (when asked) must answer now, or one line
 * says which URL did not and how to start it, and the process exits 1 — rather than hanging on
 * retries or printing a driver's stack.
 */
export async function requireServices(config: Config, services: { redis: boolean; postgres?: boolean }): Promise<void> {
  try {
    await Promise.all([services.postgres === false ? undefined : checkPostgres(config.DATABASE_URL), services.redis ? checkRedis(config.REDIS_URL) : undefined]);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
