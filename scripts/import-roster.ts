// Usage: tsx scripts/import-roster.ts <roster.csv|roster.xlsx>   (npm run import -- roster.xlsx)
// Validates the whole file first: one bad row and nothing is imported. Exit codes: 0 imported,
// 1 bad rows or import failure, 2 usage error or unreadable file.
import fs from 'node:fs/promises';
import { createDb } from '../src/db/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { importRoster } from '../src/roster/import-roster.ts';
import { readRosterFile } from '../src/roster/read-roster-file.ts';
import { readConfig, requireServices } from '../src/read-config.ts';

const config = readConfig();
const databaseUrl = config.DATABASE_URL;

process.exitCode = await main(process.argv[2]);

async function main(file: string | undefined): Promise<number> {
  if (!file) {
    console.error('Usage: npm run import -- <roster.xlsx | roster.csv>');
    return 2;
  }
  const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
    console.error(error.code === 'ENOENT' ? `File not found: ${file}` : `Cannot read ${file}: ${error.message}`);
    return null;
  });
  if (bytes === null) return 2;

  // Validation needs no database, so a bad file is reported before anything is touched.
  const { rows, errors } = await readRosterFile(bytes);
  if (errors.length > 0) {
    for (const { line, reason } of errors) console.error(`Line ${line}: ${reason}`);
    console.error('Nothing was imported.');
    return 1;
  }

  await requireServices(config, { redis: false });
  try {
    await applyMigrations({ databaseUrl, createDatabase: true });
    const db = createDb(databaseUrl);
    try {
      const result = await importRoster(db, rows);
      console.log(
        `Imported ${rows.length} rows: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged; ` +
          `${result.organizationsCreated} organisations created.`,
      );
      return 0;
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    console.error(`Import failed, nothing was imported: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
