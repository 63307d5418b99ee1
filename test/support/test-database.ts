import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { databaseName, withDatabaseName } from '../../src/db/migrate.ts';

/** Where test databases live and how they are named: TEST_DATABASE_URL names the server and a base name. */
function baseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/engagement_test';
}

/**
 * Each test run migrates its own template database, `<base>_<run>`; every test assistant then works on a
 * copy of it (CREATE DATABASE … TEMPLATE takes ~100 ms) and sees only its own data — as a real
 * deployment does, since start-up work such as resuming queued deliveries reads the whole database.
 * The run id starts with the time, so leftovers of runs that were killed can be recognised and dropped.
 */
export function newTemplateDatabaseUrl(): string {
  const run = `${Date.now().toString(36)}_${randomUUID().slice(0, 6)}`;
  return withDatabaseName(baseUrl(), `${databaseName(baseUrl())}_${run}`);
}

/** The template of this run (set by global-setup.ts for the test workers). */
export function templateDatabaseUrl(): string {
  const url = process.env.TEST_TEMPLATE_DATABASE_URL;
  if (!url) throw new Error('TEST_TEMPLATE_DATABASE_URL is set by test/support/global-setup.ts');
  return url;
}

export async function createTestDatabase(): Promise<string> {
  const template = templateDatabaseUrl();
  const name = `${databaseName(template)}_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(databaseName(template))}`));
  return withDatabaseName(template, name);
}

/** Drops this run's template and copies. */
export async function dropRunDatabases(templateUrl: string): Promise<void> {
  await dropWhere((name) => name.startsWith(databaseName(templateUrl)));
}

/** Drops what runs older than `hours` left behind (a killed run never reached its teardown). */
export async function dropStaleDatabases(hours: number): Promise<void> {
  const prefix = `${databaseName(baseUrl())}_`;
  const cutoff = Date.now() - hours * 3600_000;
  await dropWhere((name) => {
    if (!name.startsWith(prefix)) return false;
    const startedAt = parseInt(name.slice(prefix.length).split('_')[0] ?? '', 36);
    return Number.isFinite(startedAt) && startedAt < cutoff;
  });
}

async function dropWhere(match: (name: string) => boolean): Promise<void> {
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
    for (const { datname } of rows.filter((row) => match(row.datname))) {
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  });
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabaseName(baseUrl(), 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
