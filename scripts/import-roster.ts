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
    console.error('用法：npm run import -- <名册.xlsx 或 名册.csv>');
    return 2;
  }
  const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
    console.error(error.code === 'ENOENT' ? `找不到文件 ${file}：请检查路径和文件名。` : `读不了文件 ${file}（${error.code ?? error.message}）：请检查文件权限。`);
    return null;
  });
  if (bytes === null) return 2;

  // Validation needs no database, so a bad file is reported before anything is touched.
  const { rows, errors, errorCount } = await readRosterOffThread(bytes, cliRosterLimits);
  if (errorCount > 0) {
    for (const { line, reason } of errors) console.error(`第 ${line} 行：${reason}`);
    if (errorCount > errors.length) console.error(`……另有 ${errorCount - errors.length} 处错误。`);
    console.error('没有导入任何一行：请改正以上各行后重新导入。');
    return 1;
  }

  await requireServices(config, { redis: false });
  try {
    await applyMigrations({ databaseUrl, createDatabase: true });
    const db = createDb(databaseUrl);
    try {
      const result = await importRoster(db, rows, {
        onProgress: ({ done, total }) => total > done && process.stderr.write(`\r已写入 ${done} / ${total} 行`),
      });
      // Their deliveries are queued by the bot's resume-pending-work job (every 10 minutes).
      const notices = await endPairingsOutOfReach(db, { movedMemberIds: result.movedMemberIds, now: new Date() });
      if (notices.length > 0) console.log(`调动后超出范围的结对已解除，${notices.length} 条通知将发给相关书记。`);
      console.log(
        `已导入 ${rows.length} 行：新增 ${result.created} 人，更新 ${result.updated} 人，未变 ${result.unchanged} 人；新建组织 ${result.organizationsCreated} 个。`,
      );
      return 0;
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    console.error(`导入中断（${error instanceof Error ? error.message : String(error)}）：请再运行一次同样的命令完成导入，已写入的行会保留，不会重复。`);
    return 1;
  }
}
