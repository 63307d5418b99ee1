import { checkPostgres, checkRedis } from '../../src/check-services.ts';
import { loadConfig } from '../../src/config.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { dropRunDatabases, dropStaleDatabases, newTemplateDatabaseUrl } from './test-database.ts';

/**
 * A migrated template database for this run (test assistants work on copies of it, see
 * test-database.ts; Redis keys get a per-assistant prefix). Dropped at the end of the run, so
 * several runs on one machine (two developers, or CI and a developer) do not disturb each other.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const databaseUrl = newTemplateDatabaseUrl();
  // One line naming the server that does not answer, rather than a driver's ECONNREFUSED.
  await Promise.all([checkPostgres(databaseUrl, 'TEST_DATABASE_URL'), checkRedis(loadConfig().REDIS_URL)]);
  await dropStaleDatabases(6);
  process.env.TEST_TEMPLATE_DATABASE_URL = databaseUrl;
  process.env.DATABASE_URL = databaseUrl;
  await applyMigrations({ databaseUrl, createDatabase: true });
  return () => dropRunDatabases(databaseUrl);
}
