import { applyMigrations } from '../../src/db/migrate.ts';
import { dropRunDatabases, dropStaleDatabases, newTemplateDatabaseUrl } from './test-database.ts';

/**
 * A migrated template database for this run (test assistants work on copies of it, see
 * test-database.ts; Redis keys get a per-assistant prefix). Dropped at the end of the run, so
 * several runs on one machine (two developers, or CI and a developer) do not disturb each other.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  await dropStaleDatabases(6);
  const databaseUrl = newTemplateDatabaseUrl();
  process.env.TEST_TEMPLATE_DATABASE_URL = databaseUrl;
  process.env.DATABASE_URL = databaseUrl;
  await applyMigrations({ databaseUrl, createDatabase: true });
  return () => dropRunDatabases(databaseUrl);
}
