// Migrations through Prisma's WebAssembly schema engine: the Prisma CLI needs a native
// schema engine that it downloads on first use, which offline machines cannot do. The
// wasm engine reads the same prisma/migrations folder and keeps the same
// _prisma_migrations table, so `prisma migrate deploy` still works where the CLI runs.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as wasm from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationDirectory, MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';

/** The package's root: the nearest folder above this file that has prisma/ (src/db/ here, dist/src/db/ when built). */
export const repoRoot = findUp(path.dirname(fileURLToPath(import.meta.url)), (dir) => existsSync(path.join(dir, 'prisma', 'migrations')));
export const defaultMigrationsDir = path.join(repoRoot, 'prisma', 'migrations');
export const noSchemaFilter: SchemaFilter = { externalTables: [], externalEnums: [] };

/** Not the engine's key (72707369): the engine takes that one on its own connection and would wait for ours. */
const migrationLockName = 'mobile-member-assistant:migrations';

export interface ApplyMigrationsOptions {
  databaseUrl: string;
  migrationsDir?: string;
  createDatabase?: boolean;
}

/** Applies the pending migrations and returns their names; concurrent callers wait for each other. */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<string[]> {
  const { databaseUrl, migrationsDir = defaultMigrationsDir } = options;
  if (options.createDatabase) await createDatabaseIfMissing(databaseUrl);
  const migrationsList = await readMigrations(migrationsDir);
  return withClient(databaseUrl, async (lock) => {
    // Waits as long as it takes, unlike the engine's own lock (10 s), and is released when
    // withClient ends this session, after the engine's pool has closed.
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [migrationLockName]);
    let current: string | undefined;
    const onLog = (line: string) => {
      current = migrationBeingApplied(line) ?? current;
    };
    try {
      const output = await withSchemaEngine(databaseUrl, (engine) => engine.applyMigrations({ migrationsList, filters: noSchemaFilter }), onLog);
      return output.appliedMigrationNames;
    } catch (error) {
      const subject = current ? `Migration ${current}` : 'Applying migrations';
      throw new Error(`${subject} failed on database ${databaseName(databaseUrl)}: ${engineMessage(error)}`, { cause: error });
    }
  });
}

/** Runs `run` with a schema engine connected to the database; frees it and closes its pool afterwards. */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  run: (engine: SchemaEngine) => Promise<T>,
  onLog: (jsonLine: string) => void = () => {},
): Promise<T> {
  await loadWasm();
  const pool = new pg.Pool({ connectionString: databaseUrl });
  try {
    const engine = await wasm.SchemaEngine.new({ datamodels: undefined }, onLog, adapterFactory(pool));
    try {
      return await run(engine);
    } finally {
      engine.free();
    }
  } finally {
    await pool.end();
  }
}

/** Reads a migrations folder the way the Prisma CLI does: one `<name>/migration.sql` per migration, in name order. */
async function readMigrations(migrationsDir: string): Promise<MigrationList> {
  const lockfilePath = 'migration_lock.toml';
  const lockfile = { path: lockfilePath, content: await readOptional(path.join(migrationsDir, lockfilePath)) };
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const migrationDirectories = await Promise.all(names.map((name) => readMigrationDirectory(migrationsDir, name)));
  return { baseDir: migrationsDir, lockfile, shadowDbInitScript: '', migrationDirectories };
}

async function createDatabaseIfMissing(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  await withClient(maintenanceUrl(databaseUrl), async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`).catch((error: unknown) => {
      // Another process created it between our check and CREATE: that is what we wanted.
      if (!createdConcurrently(error)) throw error;
    });
  });
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  await withClient(maintenanceUrl(databaseUrl), (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`));
}

export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!name) throw new Error(`The database URL must name a database: ${databaseUrl}`);
  return name;
}

/** The same server and credentials, another database. */
export function withDatabaseName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** The `postgres` database, from which others are created and dropped. */
function maintenanceUrl(databaseUrl: string): string {
  return withDatabaseName(databaseUrl, 'postgres');
}

let wasmLoaded: Promise<void> | undefined;

/** The package's ESM entry imports the .wasm file directly, which Node cannot do, so instantiate it by hand, once. */
function loadWasm(): Promise<void> {
  wasmLoaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const { instance } = await WebAssembly.instantiate(await fs.readFile(wasmPath), { './schema_engine_bg.js': unrefTimers(wasm) });
    wasm.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmLoaded;
}

/**
 * The engine never clears its timers (the bindings have no clearTimeout): the 10 s timeout on
 * its advisory lock would keep a finished process alive that long. Unref them so they cannot.
 */
function unrefTimers(bindings: typeof wasm): WebAssembly.ModuleImports {
  const imports: Record<string, unknown> = { ...bindings };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    const setTimer = imports[name] as (...args: unknown[]) => NodeJS.Timeout;
    imports[name] = (...args: unknown[]) => setTimer(...args).unref();
  }
  return imports as WebAssembly.ModuleImports;
}

/**
 * @prisma/adapter-pg, adjusted so that the wasm engine behaves like the native one:
 * - a migration script is sent as one query, not split on ";" and run statement by statement,
 *   so semicolons inside strings or $$ function bodies survive and a failing migration is
 *   rolled back whole (PostgreSQL runs a multi-statement query in one implicit transaction);
 * - "char" columns are readable (see readCharAsText);
 * - no shadow database: PrismaPg's would connect to the main database when given a connection
 *   string, and nothing here needs one.
 */
function adapterFactory(pool: pg.Pool) {
  const pgFactory = new PrismaPg(readCharAsText(pool));
  return bindMigrationAwareSqlAdapterFactory({
    provider: pgFactory.provider,
    adapterName: pgFactory.adapterName,
    async connect() {
      const adapter = await pgFactory.connect();
      // No parameters, so node-postgres uses the simple query protocol, which accepts several statements.
      adapter.executeScript = async (script) => {
        await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
      };
      return adapter;
    },
    connectToShadowDb() {
      return Promise.reject(new Error('No shadow database is configured for the wasm schema engine'));
    },
  });
}

/**
 * The engine reads pg_constraint's one-byte "char" columns when it inspects a database, and
 * adapter-pg 7.10 rejects that type ("Column type 'char' could not be deserialized"); the
 * values arrive as one-character strings, so call them text.
 */
function readCharAsText(pool: pg.Pool): pg.Pool {
  const query = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult | pg.QueryResult[]>;
  const { CHAR, TEXT } = pg.types.builtins;
  const patched = async (config: pg.QueryConfig) => {
    const results = await query(config);
    for (const { fields } of [results].flat()) {
      for (const field of fields) if (field.dataTypeID === CHAR) field.dataTypeID = TEXT;
    }
    return results;
  };
  pool.query = patched as unknown as pg.Pool['query'];
  return pool;
}

async function readMigrationDirectory(migrationsDir: string, name: string): Promise<MigrationDirectory> {
  const file = 'migration.sql';
  const content = await fs
    .readFile(path.join(migrationsDir, name, file), 'utf8')
    .then((value) => ({ tag: 'ok' as const, value }))
    .catch((error: Error) => ({ tag: 'error' as const, value: error.message }));
  return { path: name, migrationFile: { path: file, content } };
}

async function readOptional(file: string): Promise<string | null> {
  return fs.readFile(file, 'utf8').catch(() => null);
}

async function withClient<T>(connectionString: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Before running a migration the engine logs a span carrying its name. */
function migrationBeingApplied(logLine: string): string | undefined {
  return /"migration_name":"([^"]+)"/.exec(logLine)?.[1];
}

/** The engine's message without the Rust span trace ("   0: sql_schema_connector::…") it appends. */
function engineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\n[ \t]+0: /)[0]!.trim();
}

/** duplicate_database, or unique_violation when both CREATE DATABASE statements ran at once. */
function createdConcurrently(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === '42P04' || error.code === '23505');
}

function findUp(dir: string, found: (dir: string) => boolean): string {
  if (found(dir)) return dir;
  const parent = path.dirname(dir);
  if (parent === dir) throw new Error('prisma/migrations not found above the assistant');
  return findUp(parent, found);
}
