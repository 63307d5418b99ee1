import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { databaseName, withDatabaseName } from '../../src/db/migrate.ts';

/** The migrated database global-setup.ts prepares; every test assistant gets a copy of it. */
export function templateDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/engagement_test';
}

/**
 * A fresh copy of the migrated test database (CREATE DATABASE … TEMPLATE takes ~100 ms), so that
 * each assistant in a test sees only its own data — as a real deployment does: start-up work
 * such as resuming queued deliveries reads the whole database.
 */
export async function createTestDatabase(): Promise<string> {
  const template = templateDatabaseUrl();
  const name = `${databaseName(template)}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await withAdmin(template, (client) =>
    client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(databaseName(template))}`),
  );
  return withDatabaseName(template, name);
}

/** Drops the copies a test run made. */
export async function dropTestDatabases(): Promise<void> {
  const template = templateDatabaseUrl();
  await withAdmin(template, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${databaseName(template)}\\_%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
  });
}

async function withAdmin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabaseName(url, 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
