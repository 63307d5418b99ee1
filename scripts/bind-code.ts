// Usage: tsx scripts/bind-code.ts <手机号>   (npm run bind-code -- 13800001234)
// Prints a one-time bind code for the member with this phone, valid 24 hours: secretaries and admins
// bind their WeChat only with such a code (「绑定 <code>」 in a direct chat with the bot). Only the
// code's hash is stored. Exit codes: 0 printed, 1 no such member or failure, 2 usage error.
import { createDb } from '../src/db/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { bindCodeLifetimeMs, createBindCode } from '../src/domain/members/bind-code.ts';
import { readConfig, requireServices } from '../src/read-config.ts';

const usage = '用法：npm run bind-code -- <手机号>，例如 npm run bind-code -- 13800001234';

const config = readConfig();

process.exitCode = await main(process.argv[2]);

async function main(rawPhone: string | undefined): Promise<number> {
  const phone = rawPhone?.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (!phone || !/^1\d{10}$/.test(phone)) {
    console.error(usage);
    return 2;
  }
  await requireServices(config, { redis: false });
  try {
    await applyMigrations({ databaseUrl: config.DATABASE_URL, createDatabase: true });
    const db = createDb(config.DATABASE_URL);
    try {
      const member = await db.member.findUnique({ where: { phone }, select: { id: true, name: true, organization: { select: { path: true } } } });
      if (!member) {
        console.error(`名册中没有手机号为 ${phone} 的人：请核对号码，或先用 npm run import 导入名册。`);
        return 1;
      }
      const { code, expiresAt } = await createBindCode(db, { memberId: member.id, now: new Date() });
      const until = expiresAt.toLocaleString('zh-CN', { timeZone: config.APP_TIME_ZONE, hour12: false });
      console.log(`${member.name}（${member.organization.path}）的绑定码：${code}`);
      console.log(`${bindCodeLifetimeMs / 3600_000} 小时内有效（至 ${until}），只能使用一次：请本人私聊助手发送「绑定 ${code}」。`);
      return 0;
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    console.error(`没能生成绑定码（${error instanceof Error ? error.message : String(error)}）：请稍后再试。`);
    return 1;
  }
}
