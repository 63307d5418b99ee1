// Applies pending migrations from prisma/migrations to DATABASE_URL, creating the database if needed.
import { applyMigrations } from '../src/db/migrate.ts';
import { readConfig, requireServices } from '../src/read-config.ts';

const config = readConfig();
const databaseUrl = config.DATABASE_URL;
await requireServices(config, { redis: false });

try {
  const applied = await applyMigrations({ databaseUrl, createDatabase: true });
  if (applied.length === 0) console.log('数据库已是最新结构。');
  for (const name of applied) console.log(`已执行迁移 ${name}`);
} catch (error) {
  console.error(`迁移失败（${error instanceof Error ? error.message : String(error)}）：请检查 DATABASE_URL 指向的数据库后再运行 npm run db:migrate。`);
  process.exitCode = 1;
}
