import { applyMigrations } from '../../src/db/migrate.ts';

/** A separate test database, created and migrated once per run; Redis keys get a per-test prefix. */
export default async function globalSetup(): Promise<void> {
  const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/engagement_test';
  process.env.DATABASE_URL = databaseUrl;
  await applyMigrations({ databaseUrl, createDatabase: true });
}
