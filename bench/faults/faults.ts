/**
 * `npm run faults`: the real assistant under attack, with figures. Each scenario starts its own
 * PostgreSQL (initdb) and Redis (appendonly on) on spare ports and stops them by pid, even when it
 * fails; the bot runs in a child process (fault-bot.ts) on wechaty-puppet-mock, so it can be killed.
 *
 * 1. 10,000 check-ins in a burst, PostgreSQL stopped for FAULT_OUTAGE_SECONDS (120) in the middle.
 * 2. The same with Redis killed (SIGKILL) in the middle and restarted 10 s later.
 * 3. A 通知 to 1,000 members: PostgreSQL down for FAULT_OUTAGE_SECONDS in the middle of sending,
 *    the bot killed (SIGKILL) during the outage and started again once PostgreSQL is back.
 * 4. 10,000 fuzzed messages (fuzz-messages.ts) from members and strangers, direct and in a group, then
 *    the worst cases (worst-case-fuzz.ts): 100,000-character runs of punctuation, spaces and full-width
 *    characters while members check in; the bot's event-loop delay and the check-ins' latency.
 * 5. A 通知 to 1,000 members over an account cap of 400 a day: the bot killed (SIGKILL) while the day's
 *    put-off deliveries come back after the roll-over, started again; each member gets it once, no day over the cap.
 *
 * `npm run faults -- fuzz broadcast` runs only those; FAULT_OUTAGE_SECONDS=10 for a quick try.
 * Pacing is fast (send and reply intervals 0 or a few ms, no quiet hours, no warm-up, high caps) so that
 * a run takes minutes. Logs of each bot life are kept in the scenario's temporary directory.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { loadConfig } from '../../src/config.ts';
import { createDb, type Db } from '../../src/db/client.ts';
import { applyMigrations, withDatabaseName } from '../../src/db/migrate.ts';
import { addDays, localDay } from '../../src/domain/shared/local-day.ts';
import { intakeQueueName, outboxQueueName } from '../../src/queues/queue-names.ts';
import { createRedis } from '../../src/queues/redis.ts';
import { startSparePostgres, startSpareRedis, type SpareServer } from '../../test/support/spare-servers.ts';
import { BotProcess, prepareBotFiles, readSent, type BotFiles } from './bot-process.ts';
import type { IncomingMessage, WorldSpec } from './fault-bot.ts';
import { fuzzText, pick, seededRandom } from './fuzz-messages.ts';
import { worstCaseFuzz } from './worst-case-fuzz.ts';
import { uploadLimits } from './upload-limits.ts';

const outageSeconds = Number(process.env.FAULT_OUTAGE_SECONDS ?? 120);
const redisDownSeconds = 10;
const timeZone = 'Asia/Shanghai';
const roomId = 'faults@chatroom';
const organizationPath = '故障区/故障演练支部';
/** The account cap of the roll-over scenario. */
const capPerDay = 400;

interface Scenario {
  name: string;
  title: string;
  run(stage: Stage): Promise<Outcome>;
}

/** What a scenario found: whether it held (no loss, no duplicate, no crash …) and its figures. */
interface Outcome {
  ok: boolean;
  lines: string[];
}

/** What a scenario gets: its servers, its database, and a way to start the bot. */
interface Stage {
  postgres: SpareServer;
  redis: SpareServer;
  db: Db;
  /** The bot's Redis key prefix. */
  prefix: string;
  startBot(world: WorldSpec, env?: Record<string, string>): Promise<BotLives>;
}

/** The bot over its lives: `restart` starts a new process on the same world and queues (`env` on top of the first life's). */
interface BotLives {
  current: BotProcess;
  files: BotFiles;
  restart(env?: Record<string, string>): Promise<BotProcess>;
}

const scenarios: Scenario[] = [
  { name: 'postgres', title: `10,000 check-ins, PostgreSQL stopped for ${outageSeconds} s in the middle`, run: (stage) => checkInBurst(stage, 'postgres') },
  { name: 'redis', title: `10,000 check-ins, Redis (appendonly) killed in the middle, back after ${redisDownSeconds} s`, run: (stage) => checkInBurst(stage, 'redis') },
  { name: 'broadcast', title: `通知 to 1,000 members, PostgreSQL down ${outageSeconds} s, the bot killed during the outage`, run: broadcastThroughOutage },
  { name: 'fuzz', title: '10,000 fuzzed messages from members and strangers', run: fuzz },
  { name: 'cap', title: `通知 to 1,000 members over an account cap of ${capPerDay} a day, the bot killed during the roll-over`, run: capRollOver },
  { name: 'upload', title: 'roster uploads: zip bombs, two at once, 200,000 rows by the CLI, 50,000 in the console, check-ins meanwhile', run: uploads },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const chosen = scenarios.filter((scenario) => wanted.length === 0 || wanted.includes(scenario.name));
  console.log(`Fault runs: Node ${process.version}, ${os.cpus().length} CPUs; scenarios: ${chosen.map((s) => s.name).join(', ')}\n`);
  const results: (Outcome & { title: string; seconds: number })[] = [];
  for (const scenario of chosen) {
    const started = performance.now();
    console.log(`▶ ${scenario.title}`);
    let outcome: Outcome;
    try {
      outcome = await withStage((stage) => scenario.run(stage));
    } catch (error) {
      outcome = { ok: false, lines: [`FAILED: ${error instanceof Error ? error.message : String(error)}`] };
    }
    const seconds = (performance.now() - started) / 1000;
    for (const line of outcome.lines) console.log(`   ${line}`);
    console.log(`   (${seconds.toFixed(0)} s)\n`);
    results.push({ ...outcome, title: scenario.title, seconds });
  }
  console.log('Summary');
  for (const result of results) {
    console.log(`${result.ok ? '✔' : '✘'} ${result.title} (${result.seconds.toFixed(0)} s)\n    ${result.lines.join('\n    ')}`);
  }
  if (results.some((result) => !result.ok)) process.exitCode = 1;
}

/** `npm run faults -- upload` (upload-limits.ts): in this process, on the scenario's servers, with 1,500 members checking in. */
async function uploads(stage: Stage): Promise<Outcome> {
  const world = await seedOrganization(stage.db, { members: 1500, strangers: 0, roomMembers: 0, roomStrangers: 0, secretary: true });
  const databaseUrl = withDatabaseName(stage.postgres.url, 'faults');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'faults-upload-'));
  return uploadLimits({ db: stage.db, databaseUrl, redisUrl: stage.redis.url, prefix: stage.prefix, dir, world: { ...world, secretary: world.secretary!, organizationPath } });
}

/** Starts PostgreSQL and Redis for one scenario and always stops them, and every bot, afterwards. */
async function withStage<T>(run: (stage: Stage) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'faults-'));
  const servers: SpareServer[] = [];
  const bots: BotProcess[] = [];
  let db: Db | undefined;
  const tearDown = async () => {
    for (const bot of bots) await bot.kill();
    await db?.$disconnect().catch(() => {});
    for (const server of servers) await server.remove();
    console.log(`   logs: ${dir}`);
  };
  // Interrupted (Ctrl-C): the servers and the bot are stopped all the same.
  const interrupted = () => void tearDown().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const postgres = await startSparePostgres();
    servers.push(postgres);
    const redis = await startSpareRedis({ appendonly: true });
    servers.push(redis);
    const databaseUrl = withDatabaseName(postgres.url, 'faults');
    await applyMigrations({ databaseUrl, createDatabase: true });
    db = createDb(databaseUrl);
    const prefix = `faults-${randomUUID().slice(0, 8)}`;
    const startBot = async (world: WorldSpec, env: Record<string, string> = {}): Promise<BotLives> => {
      const files = prepareBotFiles(dir, world);
      const botEnv = {
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: prefix,
        WECHATY_PUPPET: '',
        APP_TIME_ZONE: timeZone,
        GROUP_REPLY_WINDOW_SECONDS: '1',
        SEND_INTERVAL_SECONDS: '0',
        SEND_JITTER_SECONDS: '0',
        REPLY_INTERVAL_SECONDS: '0',
        REPLY_JITTER_SECONDS: '0',
        GROUP_POST_PAUSE_SECONDS: '0',
        QUIET_HOURS: 'off',
        DAILY_MESSAGE_CAP: '50',
        // A new account's warm-up and daily cap would hold a 1,000-member 通知 for hours.
        ACCOUNT_DAILY_CAP: '100000',
        WARMUP_HOURS: '0',
        LOG_LEVEL: 'warn',
        // No secretary console: its port would clash with a developer's bot or tests.
        WEB_PORT: '0',
        ...env,
      };
      let life = 1;
      const lives: BotLives = {
        current: await BotProcess.start(files, botEnv, life),
        files,
        async restart(lifeEnv = {}) {
          life += 1;
          lives.current = await BotProcess.start(files, { ...botEnv, ...lifeEnv }, life);
          bots.push(lives.current);
          return lives.current;
        },
      };
      bots.push(lives.current);
      return lives;
    };
    return await run({ postgres, redis, db, prefix, startBot });
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await tearDown();
  }
}

// ---------------------------------------------------------------------------------------------
// 1 and 2. A burst of check-ins through an outage
// ---------------------------------------------------------------------------------------------

const burstMembers = 500;
const burstDays = 20;

async function checkInBurst(stage: Stage, outage: 'postgres' | 'redis'): Promise<Outcome> {
  const { db } = stage;
  const world = await seedOrganization(db, { members: burstMembers, strangers: 0, roomMembers: burstMembers, roomStrangers: 0 });
  const bot = await stage.startBot(world.spec);
  // A member checks in once a local day, so 10,000 check-ins are 500 members on 20 days (stamped then).
  const today = localDay(new Date(), timeZone);
  const messages: IncomingMessage[] = [];
  for (let day = 1; day <= burstDays; day++) {
    const timestamp = Date.parse(`${addDays(today, day)}T10:00:00+08:00`);
    for (const member of world.members) messages.push({ from: member, room: roomId, text: '签到', timestamp, id: `burst-${day}-${member}` });
  }
  const expected = messages.length;
  const half = expected / 2;
  const started = performance.now();
  await bot.current.deliver(messages.slice(0, half));
  const server = outage === 'postgres' ? stage.postgres : stage.redis;
  await server.stop({ crash: outage === 'redis' });
  const downAt = performance.now();
  await bot.current.deliver(messages.slice(half));
  await sleep((outage === 'postgres' ? outageSeconds : redisDownSeconds) * 1000 - (performance.now() - downAt));
  await server.restart();
  const backAt = performance.now();
  const done = await waitFor(async () => (await countRows(db, 'CheckIn')) >= expected, 240_000);
  await bot.current.idle();
  const doneAt = performance.now();

  const [row] = await db.$queryRaw<{ rows: number; pairs: number; most: number }[]>`
    SELECT count(*)::int AS rows, count(DISTINCT ("memberId", day))::int AS pairs,
           coalesce(max(n), 0)::int AS most
    FROM "CheckIn" LEFT JOIN (SELECT "memberId" AS m, day AS d, count(*) AS n FROM "CheckIn" GROUP BY 1, 2) per ON per.m = "memberId" AND per.d = day`;
  const processed = await db.inboundMessage.count({ where: { processedAt: { not: null } } });
  const summarized = () => sumSummaries(readSent(bot.files).filter((record) => record.to === roomId).map((record) => record.text));
  // The last summary goes out a window after the last check-in.
  await waitFor(() => summarized() >= expected, 30_000);
  const lost = expected - (row?.pairs ?? 0);
  const duplicated = (row?.rows ?? 0) - (row?.pairs ?? 0);
  const ok = done && lost === 0 && duplicated === 0 && summarized() === expected;
  const lines = [
    `${expected.toLocaleString('en')} check-ins sent; ${outage === 'postgres' ? 'PostgreSQL stopped' : 'Redis killed'} after ${half.toLocaleString('en')}, ` +
      `back after ${((backAt - downAt) / 1000).toFixed(0)} s`,
    `CheckIn rows ${row?.rows.toLocaleString('en')} for ${row?.pairs.toLocaleString('en')} member-days: ${lost} lost, ${duplicated} duplicated` +
      `${done ? '' : ' (gave up waiting)'}`,
    `inbound messages processed ${processed.toLocaleString('en')}; group summaries acknowledged ${summarized().toLocaleString('en')} check-ins` +
      ` (${summarized() === expected ? 'each once' : `expected ${expected.toLocaleString('en')}`})`,
    `all written ${((doneAt - backAt) / 1000).toFixed(1)} s after the ${outage === 'postgres' ? 'database' : 'Redis'} was back; whole run ${((doneAt - started) / 1000).toFixed(0)} s`,
  ];
  return { ok, lines };
}

/** The check-ins the group summaries ("✅ 签到 12 人：…") acknowledged, added up. */
function sumSummaries(texts: string[]): number {
  return texts.reduce((sum, text) => sum + Number(/✅ 签到 (\d+) 人/.exec(text)?.[1] ?? 0), 0);
}

// ---------------------------------------------------------------------------------------------
// 3. A broadcast through an outage and a crash
// ---------------------------------------------------------------------------------------------

const broadcastMembers = 1_000;
const noticeContent = '本周六上午九点在社区党群服务中心集中学习，请准时参加';

async function broadcastThroughOutage(stage: Stage): Promise<Outcome> {
  const { db, postgres } = stage;
  const world = await seedOrganization(db, { members: broadcastMembers, strangers: 0, roomMembers: 0, roomStrangers: 0, secretary: true });
  // Paced so that the outage falls in the middle of the sending.
  const bot = await stage.startBot(world.spec, { SEND_INTERVAL_SECONDS: '0.05' });
  const secretary = world.secretary!;
  const sent = () => readSent(bot.files);
  await bot.current.deliver([{ from: secretary, text: `通知 ${noticeContent}` }]);
  await waitFor(() => sent().some((record) => record.to === secretary && record.text.includes('确认')), 30_000);
  await bot.current.deliver([{ from: secretary, text: '确认' }]);
  const notices = () => sent().filter((record) => record.to !== secretary && record.text.includes(noticeContent));
  await waitFor(() => notices().length >= broadcastMembers / 5, 120_000);

  const beforeOutage = notices().length;
  await postgres.stop();
  await sleep((outageSeconds * 1000) / 2);
  const beforeKill = notices().length;
  await bot.current.kill();
  await sleep((outageSeconds * 1000) / 2);
  await postgres.restart();
  const backAt = performance.now();
  const secondLife = await bot.restart();
  const pending = () => db.delivery.count({ where: { status: 'QUEUED' } });
  const finished = await waitFor(async () => (await pending()) === 0, 300_000);
  await secondLife.idle();
  const doneAt = performance.now();

  const perMember = new Map<string, number>();
  for (const record of notices()) perMember.set(record.to, (perMember.get(record.to) ?? 0) + 1);
  const once = world.members.filter((member) => perMember.get(member) === 1).length;
  const never = world.members.filter((member) => !perMember.has(member)).length;
  const twice = world.members.filter((member) => (perMember.get(member) ?? 0) > 1).length;
  const statuses = await db.delivery.groupBy({ by: ['status'], _count: true });
  const reasons = await db.delivery.groupBy({ by: ['reason'], where: { status: 'FAILED' }, _count: true });
  const lines = [
    `${broadcastMembers.toLocaleString('en')} members: ${beforeOutage} had it when PostgreSQL stopped, ${beforeKill} when the bot was killed ` +
      `(${(outageSeconds / 2).toFixed(0)} s into the outage); PostgreSQL back ${outageSeconds} s after it stopped, then the bot restarted`,
    `each member exactly once: ${once}; never: ${never}; more than once: ${twice}${finished ? '' : ' (gave up waiting: deliveries still QUEUED)'}`,
    `Delivery rows: ${statuses.map((s) => `${s.status} ${s._count}`).join(', ')}` +
      `${reasons.length > 0 ? `; failed because: ${reasons.map((r) => `${r.reason ?? '?'} ${r._count}`).join(', ')}` : ''}`,
    `the rest sent ${((doneAt - backAt) / 1000).toFixed(0)} s after PostgreSQL was back`,
  ];
  return { ok: once === broadcastMembers, lines };
}

// ---------------------------------------------------------------------------------------------
// 5. The account's daily cap across a roll-over, with a crash
// ---------------------------------------------------------------------------------------------

const capContent = '下周一起按每日上限分批发送的通知';
const dayMs = 24 * 3_600_000;

async function capRollOver(stage: Stage): Promise<Outcome> {
  const { db, redis, prefix } = stage;
  const world = await seedOrganization(db, { members: broadcastMembers, strangers: 0, roomMembers: 0, roomStrangers: 0, secretary: true });
  const recipients = broadcastMembers + 1; // and the secretary's own copy
  const bot = await stage.startBot(world.spec, { ACCOUNT_DAILY_CAP: String(capPerDay), SEND_INTERVAL_SECONDS: '0.02' });
  const secretary = world.secretary!;
  const sent = () => readSent(bot.files);
  const notices = () => sent().filter((record) => record.text === `【通知】${capContent}`);
  await bot.current.deliver([{ from: secretary, text: `通知 ${capContent}` }]);
  await waitFor(() => sent().some((record) => record.to === secretary && record.text.includes('确认')), 30_000);
  await bot.current.deliver([{ from: secretary, text: '确认' }]);

  const connection = createRedis(redis.url);
  const queue = new Queue(outboxQueueName(loadConfig().BOT_NAME), { connection, prefix });
  try {
    const queued = () => db.delivery.count({ where: { status: 'QUEUED' } });
    /** Everything not sent waits for a later day (put off, no job running). */
    const dayDone = async () => {
      const [waiting, delayed, active] = await Promise.all([queued(), queue.getDelayedCount(), queue.getActiveCount()]);
      return notices().length + waiting >= recipients && waiting === delayed && active === 0;
    };
    /** The later day's due time: every put-off job back at once, in the order it was put off. */
    const bringForward = async () => {
      await queue.pause();
      for (const job of await queue.getDelayed()) await job.promote();
      await queue.resume();
    };
    const dayOne = (await waitFor(dayDone, 300_000)) ? notices().length : -1;

    // Midnight: the bot lives a day later; killed while the put-off deliveries go out.
    await bot.current.kill();
    const nextDay = { FAULT_CLOCK_OFFSET_MS: String(dayMs) };
    await bot.restart(nextDay);
    await bringForward();
    await waitFor(() => notices().length >= dayOne + capPerDay / 4, 120_000);
    const atKill = notices().length;
    await bot.current.kill();
    // Started again the same day: a job cut off by the kill comes back once its lock runs out (about 30 s).
    await bot.restart(nextDay);
    await waitFor(dayDone, 300_000);
    await bot.current.stop();
    await bot.restart({ FAULT_CLOCK_OFFSET_MS: String(2 * dayMs) });
    await bringForward();
    const finished = await waitFor(async () => (await queued()) === 0, 300_000);

    const perMember = new Map<string, number>();
    for (const record of notices()) perMember.set(record.to, (perMember.get(record.to) ?? 0) + 1);
    const everyone = [...world.members, secretary];
    const once = everyone.filter((member) => perMember.get(member) === 1).length;
    const never = everyone.filter((member) => !perMember.has(member)).length;
    const twice = everyone.filter((member) => (perMember.get(member) ?? 0) > 1).length;
    const sentRows = await db.delivery.findMany({ where: { status: 'SENT' }, select: { sentAt: true } });
    const perDay = new Map<string, number>();
    for (const row of sentRows) perDay.set(localDay(row.sentAt!, timeZone), (perDay.get(localDay(row.sentAt!, timeZone)) ?? 0) + 1);
    const failed = await db.delivery.groupBy({ by: ['reason'], where: { status: 'FAILED' }, _count: true });
    const overCap = [...perDay.values()].some((count) => count > capPerDay);
    const lines = [
      `${recipients.toLocaleString('en')} recipients, cap ${capPerDay} a day: ${dayOne} sent on day 1; killed on day 2 after ${atKill - dayOne} more, started again`,
      `sent per local day (recorded): ${[...perDay].sort().map(([day, count]) => `${day} ${count}`).join(', ')}${overCap ? ' — OVER THE CAP' : ''}`,
      `each recipient exactly once: ${once}; never: ${never}; more than once: ${twice}${finished ? '' : ' (gave up waiting: deliveries still QUEUED)'}`,
      ...(failed.length > 0 ? [`failed: ${failed.map((f) => `${f.reason ?? '?'} ${f._count}`).join(', ')} (recorded; at most once is kept over resending)`] : []),
    ];
    // A delivery cut off between its claim and WeChat is recorded as failed, never risked twice.
    const interrupted = failed.reduce((sum, f) => sum + f._count, 0);
    return { ok: finished && twice === 0 && never <= interrupted && !overCap, lines };
  } finally {
    await queue.close();
    await connection.quit();
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Fuzzed messages
// ---------------------------------------------------------------------------------------------

const fuzzCount = 10_000;
const fuzzSeed = Number(process.env.FAULT_FUZZ_SEED ?? 20261130);
const fuzzPaceSeconds = 0.01;
const paceWindow = 100;
/**
 * Tables a member's or a stranger's message may add rows to: what they said, check-ins, suggestions,
 * failed 绑定, the sender's contact (who and when, for the bind prompt; checked to stay unbound), and
 * a member's own job search (返乡 / 求职).
 */
const fuzzableTables = ['InboundMessage', 'CheckIn', 'Suggestion', 'BindFailure', 'WechatContact', 'JobSeeker'];

async function fuzz(stage: Stage): Promise<Outcome> {
  const { db } = stage;
  // 200 members fuzz; 100 more only check in during the worst cases, timed.
  const world = await seedOrganization(db, { members: 300, strangers: 200, roomMembers: 100, roomStrangers: 50, secretary: true });
  const fuzzingMembers = world.members.slice(0, 200);
  const pace = String(fuzzPaceSeconds);
  const bot = await stage.startBot(world.spec, { SEND_INTERVAL_SECONDS: pace, REPLY_INTERVAL_SECONDS: pace });
  const random = seededRandom(fuzzSeed);
  const inRoom = new Set(world.spec.rooms[0]!.memberIds);
  const messages: (IncomingMessage & { member: boolean })[] = [];
  for (let i = 0; i < fuzzCount; i++) {
    const member = random() < 0.5;
    const from = pick(random, member ? fuzzingMembers : world.strangers);
    const inGroup = inRoom.has(from) && random() < 0.4;
    messages.push({ from, ...(inGroup ? { room: roomId } : {}), text: fuzzText(random), member });
  }
  const before = await countAllRows(db);
  const boundBefore = await db.wechatContact.count({ where: { memberId: { not: null } } });
  const startedAt = Date.now();
  await bot.current.loopDelay(true);
  await bot.current.deliver(messages.map(({ member: _member, ...message }) => message));
  const deliveredAt = Date.now();
  // Generous: the machine may be shared (the figures below say how long it took).
  await bot.current.idle(900_000);
  const randomDelay = await bot.current.loopDelay();
  const worst = await worstCaseFuzz(db, bot.current, {
    groupStrangers: world.strangers.filter((id) => inRoom.has(id)),
    directStrangers: world.strangers,
    groupMembers: fuzzingMembers.filter((id) => inRoom.has(id)),
    directMembers: fuzzingMembers,
    roomId,
    probes: world.members.slice(200),
  });
  // A batched group summary may still be due.
  await sleep(2_000);
  await bot.current.idle();
  const after = await countAllRows(db);
  const boundAfter = await db.wechatContact.count({ where: { memberId: { not: null } } });

  // The bot is still up and still answers.
  const probe = world.members[0]!;
  const probeFrom = readSent(bot.files).length;
  await bot.current.deliver([{ from: probe, text: '帮助' }]);
  const answered = await waitFor(() => readSent(bot.files).slice(probeFrom).some((record) => record.to === probe), 30_000);

  const grown = [...after].filter(([table, count]) => count !== before.get(table)).map(([table, count]) => `${table} +${count - (before.get(table) ?? 0)}`);
  const unexpected = [...after].filter(([table, count]) => count !== before.get(table) && !fuzzableTables.includes(table)).map(([table]) => table);
  const memberCheckIns = messages.filter((m) => m.member && /签到/.test(m.text)).length;
  const memberSuggestions = messages.filter((m) => m.member && m.text.startsWith('建议')).length;
  const checkInGrowth = (after.get('CheckIn') ?? 0) - (before.get('CheckIn') ?? 0);
  const suggestionGrowth = (after.get('Suggestion') ?? 0) - (before.get('Suggestion') ?? 0);
  const failedBatches = await failedIntakeJobs(stage);

  const replies = readSent(bot.files).filter((record) => record.at >= startedAt && record.at <= Date.now());
  const gaps = replies.slice(1).map((record, i) => record.at - replies[i]!.at);
  const direct = (member: boolean) => messages.filter((m) => m.member === member && !m.room);
  const repliedTo = (ids: Set<string>) => replies.filter((record) => ids.has(record.to)).length;
  const lastReplyAt = replies.at(-1)?.at ?? deliveredAt;
  const fastest = fastestRun(replies.map((record) => record.at), paceWindow);
  const paceFloorMs = (paceWindow - 1) * fuzzPaceSeconds * 1000;
  const survived = bot.current.alive && answered && failedBatches === 0;
  // 2 % for the clock: each send's time is read after the mock puppet's own work.
  const ok = survived && worst.ok && unexpected.length === 0 && boundBefore === boundAfter && fastest >= paceFloorMs * 0.98;
  const lines = [
    `${fuzzCount.toLocaleString('en')} messages (seed ${fuzzSeed}): ${messages.filter((m) => m.member).length} from 200 members, ` +
      `${messages.filter((m) => !m.member).length} from 200 strangers; ${messages.filter((m) => m.room).length} in the group; ` +
      `${messages.filter((m) => m.text.length >= 100_000).length} of 100 KB`,
    `crash: ${survived ? 'none (the bot still answers 帮助)' : 'THE BOT DID NOT SURVIVE OR GAVE UP ON MESSAGES'}; failed intake batches: ${failedBatches}`,
    `rows added: ${grown.join(', ') || 'none'}; in tables a fuzzed message must not touch: ${unexpected.join(', ') || 'none'}; ` +
      `bound contacts ${boundBefore} → ${boundAfter}`,
    `CheckIn +${checkInGrowth} (members' texts containing 签到: ${memberCheckIns}, at most one a member a day); ` +
      `Suggestion +${suggestionGrowth} (members' texts starting with 建议: ${memberSuggestions})`,
    `messages sent: ${replies.length} (direct messages: ${direct(true).length} from members → ${repliedTo(new Set(world.members))} messages to them, ` +
      `${direct(false).length} from strangers → ${repliedTo(new Set(world.strangers))}; answers waiting for one chat go out as one message)`,
    `pace: one send per ${fuzzPaceSeconds * 1000} ms; median gap ${median(gaps)} ms; the fastest ${paceWindow} sends in a row took ` +
      `${fastest} ms (the pace allows no less than ${paceFloorMs} ms); ` +
      `last reply ${((lastReplyAt - deliveredAt) / 1000).toFixed(1)} s after the last message was handed over`,
    `event-loop delay in the bot during the random messages: p50 ${randomDelay.p50} ms, p99 ${randomDelay.p99} ms, max ${randomDelay.max} ms`,
    ...worst.lines,
  ];
  return { ok, lines };
}

async function countAllRows(db: Db): Promise<Map<string, number>> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`;
  const counts = new Map<string, number>();
  for (const { name } of tables) counts.set(name, await countRows(db, name));
  return counts;
}

async function countRows(db: Db, table: string): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM "${table.replaceAll('"', '""')}"`);
  return row?.count ?? 0;
}

/** Intake batches BullMQ gave up on: their messages were never processed. */
async function failedIntakeJobs(stage: Stage): Promise<number> {
  const queue = new Queue(intakeQueueName(loadConfig().BOT_NAME), { connection: { url: stage.redis.url }, prefix: stage.prefix });
  try {
    return await queue.getFailedCount();
  } finally {
    await queue.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The mock world and the roster
// ---------------------------------------------------------------------------------------------

interface SeededWorld {
  spec: WorldSpec;
  /** Contact ids of bound members, of strangers (no roster entry), and of the secretary. */
  members: string[];
  strangers: string[];
  secretary: string | undefined;
}

/** An organisation whose members are bound to contacts, strangers, and a group chat linked to it. */
async function seedOrganization(
  db: Db,
  shape: { members: number; strangers: number; roomMembers: number; roomStrangers: number; secretary?: boolean },
): Promise<SeededWorld> {
  const organization = await db.organization.create({ data: { name: '故障演练支部', path: organizationPath } });
  const people = Array.from({ length: shape.members }, (_, i) => ({ contactId: `member-${i + 1}`, name: `党员${i + 1}`, phone: `139${String(i).padStart(8, '0')}` }));
  const secretary = shape.secretary ? { contactId: 'secretary-1', name: '书记甲', phone: '13800000000' } : undefined;
  await db.member.createMany({
    data: [...people, ...(secretary ? [secretary] : [])].map((person) => ({
      name: person.name,
      phone: person.phone,
      organizationId: organization.id,
      role: person === secretary ? ('SECRETARY' as const) : ('MEMBER' as const),
    })),
  });
  const ids = new Map((await db.member.findMany({ select: { id: true, phone: true } })).map((row) => [row.phone, row.id]));
  const now = new Date();
  await db.wechatContact.createMany({
    data: [...people, ...(secretary ? [secretary] : [])].map((person) => ({ id: person.contactId, memberId: ids.get(person.phone)!, boundAt: now })),
  });
  const strangers = Array.from({ length: shape.strangers }, (_, i) => ({ contactId: `stranger-${i + 1}`, name: `路人${i + 1}` }));
  const roomMemberIds = [...people.slice(0, shape.roomMembers), ...strangers.slice(0, shape.roomStrangers)].map((person) => person.contactId);
  if (roomMemberIds.length > 0) await db.chatGroup.create({ data: { id: roomId, organizationId: organization.id, linkedAt: now } });
  return {
    spec: {
      contacts: [...people, ...(secretary ? [secretary] : []), ...strangers].map((person) => ({ id: person.contactId, name: person.name })),
      rooms: roomMemberIds.length > 0 ? [{ id: roomId, topic: '故障演练群', memberIds: roomMemberIds }] : [],
    },
    members: people.map((person) => person.contactId),
    strangers: strangers.map((person) => person.contactId),
    secretary: secretary?.contactId,
  };
}

// ---------------------------------------------------------------------------------------------

/** Polls every 200 ms (a query failing while a server is down counts as not yet); false on timeout. */
async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const ok = await Promise.resolve()
      .then(done)
      .catch(() => false);
    if (ok) return true;
    if (performance.now() > deadline) return false;
    await sleep(200);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** The shortest time `count` consecutive sends took (single gaps are noisy at a few ms: the clock is read after the puppet's work). */
function fastestRun(times: number[], count: number): number {
  let fastest = Infinity;
  for (let i = 0; i + count - 1 < times.length; i++) fastest = Math.min(fastest, times[i + count - 1]! - times[i]!);
  return fastest;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

await main();
