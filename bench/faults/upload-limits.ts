/**
 * `npm run faults -- upload`: roster uploads against the running assistant, in this process (its
 * event loop is the one measured, with perf_hooks.monitorEventLoopDelay, and it also serves the
 * console and the check-ins). Members check in by direct chat every 500 ms throughout; each must be
 * answered within 2 s. Then: an .xlsx zip bomb (265 MB unpacked), two at once, two uploads of one
 * organisation at once, a 200,000-row CSV by the CLI (a child process) and a 50,000-row CSV in the
 * console, previewed and imported (a job with its progress page).
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { WechatyBuilder } from 'wechaty';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/client.ts';
import { repoRoot } from '../../src/db/migrate.ts';
import { consoleBaseUrl } from '../../src/domain/console/console-address.ts';
import { createConsoleLoginLink } from '../../src/domain/console/create-console-login-link.ts';
import { createLogger } from '../../src/log.ts';
import { EngagementAssistant } from '../../src/plugin.ts';
import { MockWorld } from '../../src/simulator/mock-world.ts';
import { ConsoleClient } from '../../test/support/console-client.ts';
import { sparePort } from '../../test/support/spare-servers.ts';
import { uploadRoster } from '../../test/support/upload-roster.ts';
import { zipBomb } from '../../test/support/zip-bomb.ts';
import type { WorldSpec } from './fault-bot.ts';

export interface UploadStage {
  db: Db;
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  dir: string;
  /** Bound members (contact ids) who check in, the secretary's contact id, and the organisation's path. */
  world: { spec: WorldSpec; members: string[]; secretary: string; organizationPath: string };
}

const checkInEveryMs = 500;

export async function uploadLimits(stage: UploadStage): Promise<{ ok: boolean; lines: string[] }> {
  const { db, world } = stage;
  const mock = new MockWorld();
  const contacts = new Map(world.spec.contacts.map((contact) => [contact.id, mock.createContact(contact.name, contact.id)]));
  // Check-ins waiting for their 签到成功, by member, oldest first; and how long each took.
  const waiting = new Map<string, number[]>();
  const latencies: number[] = [];
  mock.onBotMessage(({ conversationId, text }) => {
    const sentAt = text.includes('签到成功') ? waiting.get(conversationId)?.shift() : undefined;
    if (sentAt !== undefined) latencies.push(performance.now() - sentAt);
  });
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: stage.databaseUrl,
    REDIS_URL: stage.redisUrl,
    QUEUE_PREFIX: stage.prefix,
    WECHATY_PUPPET: '',
    WEB_PORT: String(await sparePort()),
    REPLY_INTERVAL_SECONDS: '0',
    REPLY_JITTER_SECONDS: '0',
    QUIET_HOURS: 'off',
    WARMUP_HOURS: '0',
    LOG_LEVEL: 'warn',
  });
  const plugin = EngagementAssistant({ config, migrate: false, schedules: false, log: createLogger('warn') });
  const bot = WechatyBuilder.build({ name: `faults-upload-${process.pid}`, puppet: mock.puppet });
  bot.use(plugin);
  await bot.start();
  mock.login();
  await plugin.assistant!.ready;

  const client = new ConsoleClient(consoleBaseUrl(config)!);
  const secretary = await db.wechatContact.findUniqueOrThrow({ where: { id: world.secretary }, select: { memberId: true } });
  const { token } = await createConsoleLoginLink(db, { memberId: secretary.memberId!, now: new Date() });
  await client.logIn(`${client.baseUrl}/login?token=${token}`);

  // Check-ins all along: one member every 500 ms, each answered (签到成功) within 2 s or counted late.
  // Once a day each: every round through the members is stamped a day later.
  let sent = 0;
  const checkIns = setInterval(() => {
    const member = world.members[sent % world.members.length]!;
    const timestamp = Date.now() + Math.floor(sent / world.members.length) * 24 * 3600_000;
    sent += 1;
    waiting.set(member, [...(waiting.get(member) ?? []), performance.now()]);
    mock.deliver({ from: contacts.get(member)!, text: '签到', timestamp });
  }, checkInEveryMs);

  const lines: string[] = [];
  let ok = true;
  const measure = async <T>(run: () => Promise<T>) => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const result = await run();
    const seconds = (performance.now() - started) / 1000;
    loop.disable();
    return { result, seconds, maxDelayMs: loop.max / 1e6, p99DelayMs: loop.percentile(99) / 1e6, rssGrowthMb: (process.memoryUsage().rss - rssBefore) / 1024 / 1024 };
  };
  const check = (holds: boolean, line: string) => {
    ok &&= holds;
    lines.push(`${holds ? '' : 'FAILED: '}${line}`);
  };

  try {
    const bomb = zipBomb(265);
    const one = await measure(() => uploadRoster(client, bomb, 'bomb.xlsx').then(async (response) => ({ status: response.status, text: await response.text() })));
    check(
      one.result.status === 422 && one.result.text.includes('解压后有 265 MB') && one.seconds < 2 && one.rssGrowthMb < 100,
      `zip bomb (${(bomb.length / 1024).toFixed(0)} KB → 265 MB): refused ${one.result.status} in ${one.seconds.toFixed(2)} s, RSS +${one.rssGrowthMb.toFixed(0)} MB, loop max ${one.maxDelayMs.toFixed(0)} ms`,
    );
    const two = await measure(() => Promise.all([uploadRoster(client, bomb, 'a.xlsx'), uploadRoster(client, bomb, 'b.xlsx')]).then((all) => all.map((r) => r.status)));
    check(two.result.every((status) => status === 422 || status === 409) && two.seconds < 2,
      `two zip bombs at once: ${two.result.join(' / ')} in ${two.seconds.toFixed(2)} s, loop max ${two.maxDelayMs.toFixed(0)} ms`);

    const consoleCsv = rosterCsv(world.organizationPath, 50_000, '136');
    const both = await measure(() => Promise.all([uploadRoster(client, consoleCsv), uploadRoster(client, consoleCsv)]).then((all) => all.map((r) => r.status)));
    check([...both.result].sort().join() === '200,409',
      `two 50,000-row uploads of one organisation at once: ${both.result.join(' / ')} (one checked, one asked to wait) in ${both.seconds.toFixed(1)} s, loop max ${both.maxDelayMs.toFixed(0)} ms`);

    const cliFile = path.join(stage.dir, 'district.csv');
    writeFileSync(cliFile, rosterCsv('故障区/全区名册', 200_000, '135'));
    const cli = await measure(() =>
      promisify(execFile)('npx', ['tsx', 'scripts/import-roster.ts', cliFile], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: stage.databaseUrl }, maxBuffer: 1 << 24 }),
    );
    const cliCount = await db.member.count({ where: { phone: { startsWith: '135' } } });
    check(cliCount === 200_000,
      `200,000-row CSV by the CLI: ${cliCount.toLocaleString('en')} imported in ${cli.seconds.toFixed(1)} s; the bot's loop meanwhile max ${cli.maxDelayMs.toFixed(0)} ms, p99 ${cli.p99DelayMs.toFixed(0)} ms`);

    const preview = await measure(async () => (await uploadRoster(client, consoleCsv)).text());
    const importId = /name="importId" value="([^"]+)"/.exec(preview.result)?.[1];
    const imported = await measure(async () => {
      const confirmed = await client.post('/excel/import/confirm', { importId: importId ?? '' }, '/excel');
      const jobPage = confirmed.headers.get('location');
      let page = jobPage ? await (await client.get(jobPage)).text() : await confirmed.text();
      let polls = 0;
      while (jobPage && page.includes('正在导入') && polls++ < 600) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        page = await (await client.get(jobPage)).text();
      }
      return page;
    });
    const consoleCount = await db.member.count({ where: { phone: { startsWith: '136' } } });
    const loopMax = Math.max(preview.maxDelayMs, imported.maxDelayMs);
    check(consoleCount === 50_000 && imported.seconds < 60 && loopMax < 200,
      `50,000-row CSV in the console: preview ${preview.seconds.toFixed(1)} s (names listed: ${preview.result.includes('等 50000 人') ? 'yes' : 'no'}), ` +
        `确认导入 as a job ${imported.seconds.toFixed(1)} s, ${consoleCount.toLocaleString('en')} imported; loop max ${loopMax.toFixed(0)} ms, ` +
        `p99 ${Math.max(preview.p99DelayMs, imported.p99DelayMs).toFixed(0)} ms`);
  } finally {
    clearInterval(checkIns);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await plugin.assistant!.stop();
    await bot.stop();
  }
  latencies.sort((a, b) => a - b);
  const unanswered = sent - latencies.length;
  const late = latencies.filter((ms) => ms > 2_000).length + unanswered;
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  check(late === 0,
    `check-ins meanwhile: ${sent} sent, answered median ${p(0.5).toFixed(0)} ms, p99 ${p(0.99).toFixed(0)} ms, max ${p(1).toFixed(0)} ms; ${late} later than 2 s or unanswered`);
  return { ok, lines };
}

/** A CSV roster of `count` members at `organizationPath`, phones `prefix` + a counter. */
function rosterCsv(organizationPath: string, count: number, prefix: string): string {
  const lines = ['姓名,手机号,党组织,角色,现居地'];
  for (let i = 0; i < count; i++) lines.push(`名册${i},${prefix}${String(i).padStart(8, '0')},${organizationPath},党员,西宁市`);
  return lines.join('\n');
}
