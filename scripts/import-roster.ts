// Usage: tsx scripts/import-roster.ts <roster.csv|roster.xlsx>   (npm run import -- roster.xlsx)
// Validates the whole file first (in a worker thread, within cliRosterLimits): one bad row and nothing is
// imported. Then writes it in batches, with progress; after a crash, run it again to finish (keyed on phone).
// Exit codes: 0 imported, 1 bad rows or import failure, 2 usage error or unreadable file.
import fs from 'node:fs/promises';
import { createDb } from '../src/db/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { endPairingsOutOfReach } from '../src/domain/contact-persons/end-pairings-out-of-reach.ts';
import { importRoster } from '../src/roster/import-roster.ts';
import { readRosterOffThread } from '../src/roster/read-roster-off-thread.ts';
import { cliRosterLimits } from '../src/roster/roster-limits.ts';
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
  const { rows, errors, errorCount } = await readRosterOffThread(bytes, cliRosterLimits);
  if (errorCount > 0) {
    for (const { line, reason } of errors) console.error(`Line ${line}: ${reason}`);
    if (errorCount > errors.length) console.error(`… and ${errorCount - errors.length} more errors.`);
    console.error('Nothing was imported.');
    return 1;
  }

  await requireServices(config, { redis: false });
  try {
    await applyMigrations({ databaseUrl, createDatabase: true });
    const db = createDb(databaseUrl);
    try {
      const result = await importRoster(db, rows, {
        onProgress: ({ done, total }) => total > done && process.stderr.write(`\r${done} / ${total} rows`),
      });
      // Their deliveries are queued by the bot's resume-pending-work job (every 10 minutes).
      const notices = await endPairingsOutOfReach(db, { movedMemberIds: result.movedMemberIds, now: new Date() });
      if (notices.length > 0) console.log(`Pairings out of reach after a move ended; ${notices.length} notices to secretaries queued.`);
      console.log(
        `Imported ${rows.length} rows: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged; ` +
          `${result.organizationsCreated} organisations created.`,
      );
      return 0;
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    console.error(`Import failed; run it again to finish (rows already written are kept, none twice): ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
