// Usage: tsx scripts/import-roster.ts <roster.csv>   (npm run import -- roster.csv)
// Validates the whole file first: one bad row and nothing is imported. Exit codes: 0 imported,
// 1 bad rows or import failure, 2 usage error or unreadable file.
import fs from 'node:fs/promises';
import { createDb } from '../src/db/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { importRoster } from '../src/roster/import-roster.ts';
import { parseRoster } from '../src/roster/parse-roster.ts';
import { readConfig, requireServices } from '../src/read-config.ts';

const config = readConfig();
const databaseUrl = config.DATABASE_URL;

process.exitCode = await main(process.argv[2]);

async function main(file: string | undefined): Promise<number> {
  if (!file) {
    console.error('Usage: npm run import -- <roster.csv>');
    return 2;
  }
  const text = await readRosterText(file).catch((error: NodeJS.ErrnoException) => {
    console.error(error.code === 'ENOENT' ? `File not found: ${file}` : `Cannot read ${file}: ${error.message}`);
    return null;
  });
  if (text === null) return 2;

  // Validation needs no database, so a bad file is reported before anything is touched.
  const { rows, errors } = parseRoster(text);
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

/** UTF-8, or GB18030 for a file saved by Excel's plain "CSV" on a Chinese system. */
async function readRosterText(file: string): Promise<string> {
  const bytes = await fs.readFile(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
