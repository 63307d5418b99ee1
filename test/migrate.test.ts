import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, defaultMigrationsDir, dropDatabase, withDatabaseName } from '../src/db/migrate.ts';

const serverUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/engagement';
const createdDatabases: string[] = [];
const createdFolders: string[] = [];

/** A URL for a database that does not exist yet; dropped after the tests. */
function freshDatabaseUrl(): string {
  const url = withDatabaseName(serverUrl, `migrate_test_${randomBytes(6).toString('hex')}`);
  createdDatabases.push(url);
  return url;
}

async function query<Row extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function committedMigrationNames(): Promise<string[]> {
  const entries = await fs.readdir(defaultMigrationsDir, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

function recordedMigrations(databaseUrl: string): Promise<{ migration_name: string; finished: boolean }[]> {
  return query(
    databaseUrl,
    'SELECT migration_name, finished_at IS NOT NULL AND rolled_back_at IS NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
  );
}

/** A migrations folder with the given `<name>: sql` migrations. */
async function migrationsFolder(migrations: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'migrations-'));
  createdFolders.push(dir);
  for (const [name, sql] of Object.entries(migrations)) {
    await fs.mkdir(path.join(dir, name));
    await fs.writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  await fs.writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  return dir;
}

afterAll(async () => {
  for (const url of createdDatabases) await dropDatabase(url);
  for (const dir of createdFolders) await fs.rm(dir, { recursive: true });
});

describe('applyMigrations', { timeout: 30_000 }, () => {
  it('creates the database, applies every migration once and records it in _prisma_migrations', async () => {
    const databaseUrl = freshDatabaseUrl();
    const migrationNames = await committedMigrationNames();

    expect(await applyMigrations({ databaseUrl, createDatabase: true })).toEqual(migrationNames);

    const tables = await query<{ table_name: string }>(
      databaseUrl,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['Organization', 'Member', 'WechatContact', 'ChatGroup', 'InboundMessage', 'CheckIn']),
    );
    expect(await recordedMigrations(databaseUrl)).toEqual(migrationNames.map((name) => ({ migration_name: name, finished: true })));

    expect(await applyMigrations({ databaseUrl })).toEqual([]);
  });

  it('lets concurrent callers apply each migration once', async () => {
    const databaseUrl = freshDatabaseUrl();
    const migrationNames = await committedMigrationNames();

    const runs = await Promise.all([1, 2, 3].map(() => applyMigrations({ databaseUrl, createDatabase: true })));

    expect(runs.filter((applied) => applied.length > 0)).toEqual([migrationNames]);
    expect(await recordedMigrations(databaseUrl)).toHaveLength(migrationNames.length);
  });

  it('runs a migration as one script: semicolons in bodies survive, and a failure names the migration and rolls it back', async () => {
    const databaseUrl = freshDatabaseUrl();
    const migrationsDir = await migrationsFolder({
      '20000101000000_function': `CREATE FUNCTION greeting() RETURNS text AS $$ BEGIN RETURN 'a;b'; END; $$ LANGUAGE plpgsql;`,
      '20000102000000_broken': 'CREATE TABLE "Half" (id int);\nSELEC 1;',
    });

    const failure = applyMigrations({ databaseUrl, migrationsDir, createDatabase: true });

    await expect(failure).rejects.toThrow(/Migration 20000102000000_broken failed on database migrate_test_\w+: [\s\S]*syntax error at or near "SELEC"/);
    expect(await query(databaseUrl, 'SELECT greeting() AS greeting')).toEqual([{ greeting: 'a;b' }]);
    expect(await query(databaseUrl, `SELECT to_regclass('"Half"') AS half`)).toEqual([{ half: null }]);
  });
});
