// Applies pending migrations from prisma/migrations to DATABASE_URL, creating the database if needed.
import { applyMigrations } from '../src/db/migrate.ts';
import { readConfig, requireServices } from '../src/read-config.ts';

const config = readConfig();
const databaseUrl = config.DATABASE_URL;
await requireServices(config, { redis: false });

try {
  const applied = await applyMigrations({ databaseUrl, createDatabase: true });
  if (applied.length === 0) console.log('Database is up to date');
  for (const name of applied) console.log(`Applied ${name}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
