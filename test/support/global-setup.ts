import { applyMigrations, dropDatabase } from '../../src/db/migrate.ts';
import { dropTestDatabases, templateDatabaseUrl } from './test-database.ts';

/**
 * A separate, migrated test database; test assistants work on copies of it (test-database.ts)
 * and Redis keys get a per-assistant prefix. Copies are dropped before and after the run.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const databaseUrl = templateDatabaseUrl();
  process.env.DATABASE_URL = databaseUrl;
  await dropTestDatabases();
  // Built anew each run, so that every copy starts empty.
  await dropDatabase(databaseUrl);
  await applyMigrations({ databaseUrl, createDatabase: true });
  return dropTestDatabases;
}
