// Applies pending migrations from prisma/migrations to DATABASE_URL, creating the database if needed.
import { applyMigrations } from '../src/db/migrate.ts';
import { readConfig } from '../src/read-config.ts';

const databaseUrl = readConfig().DATABASE_URL;

try {
  const applied = await applyMigrations({ databaseUrl, createDatabase: true });
  if (applied.length === 0) console.log('Database is up to date');
  for (const name of applied) console.log(`Applied ${name}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
