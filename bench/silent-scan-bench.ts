/**
 * `npm run bench:silent`: the daily silent-member scan (scanSilentMembers) over generated rosters of
 * 250,000, 500,000 and 1,000,000 members. Target: under 5 s at 1,000,000, on indexes (no full table
 * walk, nothing per organisation), cost growing roughly linearly.
 *
 * Each roster: one district, communities, branches of ~330 members (3,031 branches at 1,000,000);
 * a secretary per branch but every tenth (their members' alerts go to the community secretary);
 * 85 % of members active in the last 14 days, 10 % silent 14–30 days, 5 % longer; 90 % with a bound
 * WeChat (the rest never active); 10 % on leave (请假), 20 % with a contact person (结对联系) and a
 * visit each, 30 % with whereabouts older than 90 days; a study pack pushed to every community last
 * week and an open activity in some. On the typical roster the quarterly whereabouts question is
 * timed as well. Written with INSERT … SELECT generate_series, then VACUUM ANALYZE.
 *
 * Two states are scanned at every size:
 * - a typical evening: the nudge counters as the previous evenings' scans left them — today those
 *   reaching 14 days get their first nudge, those at 21 days their second, those at 30 days with two
 *   nudges become 疑似失联, new unbound members are reported (~1.3 % of the roster in all);
 * - launch day: the scan's first run on a roster nobody has looked after yet — everyone silent
 *   14 days or more is nudged (~13.5 %), and every unbound member is reported (10 %).
 *
 * The scan's own database work is timed (the figure the target is about); queuing its deliveries in
 * the outbox (Redis) is timed separately. EXPLAIN (ANALYZE) of the scan's member selections shows the
 * plans. Own database: engagement_bench_silent (emptied per run); Redis keys bench-silent-*, deleted.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Redis } from 'ioredis';
import { loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { applyMigrations, withDatabaseName } from '../src/db/migrate.ts';
import { Outbox } from '../src/delivery/outbox.ts';
import { careReadersSql } from '../src/domain/care/care-recipients.ts';
import { proactiveBudgets } from '../src/delivery/proactive-budgets.ts';
import { scanSilentMembers, silentScanSelections, type SilentScanRules } from '../src/domain/care/scan-silent-members.ts';
import { createWhereaboutsPrompts } from '../src/domain/whereabouts/create-whereabouts-prompts.ts';
import { Prisma } from '../src/generated/prisma/client.ts';
import { createRedis } from '../src/queues/redis.ts';

const sizes = parseSizes(process.argv.slice(2)) ?? [250_000, 1_000_000, 4_000_000];
const membersPerBranch = 330;
const branchesPerCommunity = 60;
/** Issue 18's targets at 1,000,000 members; a 4,000,000 run within 4× the 1,000,000 figure. */
const targetsMs = { launch: 5_000, typical: 3_000, whereabouts: 2_000 } as const;
/** A 19:30 (Asia/Shanghai) evening, as the scheduler would pass it. */
const runAt = new Date('2026-11-24T11:30:00.000Z');
/** One personal account at its full daily cap: the scan writes what it can send before the next evening. */
const account = { BOT_NAME: 'bench', ACCOUNT_DAILY_CAP: 1_000, WARMUP_HOURS: 0 };
const options: SilentScanRules = {
  now: runAt,
  silentAfterDays: 14,
  nudgeIntervalDays: 7,
  lostAfterNudges: 2,
  lostAfterDays: 30,
  timeZone: 'Asia/Shanghai',
};

type State = 'typical' | 'launch';

interface Figure {
  members: number;
  state: State;
  generateMs: number;
  scanMs: number;
  enqueueMs: number;
  escalated: number;
  nudged: number;
  alerted: number;
  alertMessages: number;
  queued: number;
  /** The quarterly whereabouts question on the typical roster. */
  whereabouts: { ms: number; prompted: number } | null;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const databaseUrl = withDatabaseName(config.DATABASE_URL, 'engagement_bench_silent');
  await applyMigrations({ databaseUrl, createDatabase: true });
  console.log(`Silent-member scan benchmark: Node ${process.version}, ${os.cpus().length} CPUs, PostgreSQL ${await serverVersion(databaseUrl)}\n`);
  const db = createDb(databaseUrl);
  const redis = createRedis(config.REDIS_URL);
  const base = `bench-silent-${randomUUID().slice(0, 8)}`;
  const figures: Figure[] = [];
  try {
    for (const members of sizes) {
      for (const state of ['typical', 'launch'] as const) {
        const figure = await measure(db, redis, `${base}-${members}-${state}`, members, state, members === Math.max(...sizes));
        figures.push(figure);
      }
    }
    printSummary(figures);
  } finally {
    await deleteRedisKeys(redis, base);
    await redis.quit();
    await db.$disconnect();
  }
}

async function measure(db: Db, redis: Redis, prefix: string, members: number, state: State, explain: boolean): Promise<Figure> {
  const label = `${members.toLocaleString('en')} members, ${state === 'typical' ? 'a typical evening' : 'launch day'}`;
  console.log(`${label}:`);
  const generated = performance.now();
  await generate(db, members, state);
  const generateMs = performance.now() - generated;
  const counts = await db.$queryRaw<{ organizations: bigint; secretaries: bigint }[]>`
    SELECT (SELECT count(*) FROM "Organization") AS organizations,
           (SELECT count(*) FROM "Member" WHERE role <> 'MEMBER') AS secretaries`;
  console.log(
    `   roster generated in ${seconds(generateMs)}: ${Number(counts[0]!.organizations).toLocaleString('en')} organisations, ` +
      `${Number(counts[0]!.secretaries).toLocaleString('en')} secretaries`,
  );
  if (explain) await explainSelections(db);

  const outbox = new Outbox({ connection: redis, prefix, account: account.BOT_NAME });
  // As the job runs it: the accounts' budget, the scan, then queueing what it wrote.
  const started = performance.now();
  const result = await scanSilentMembers(db, { ...options, budget: await proactiveBudgets(db, { now: runAt, config: account }) });
  const scanMs = performance.now() - started;
  const enqueued = performance.now();
  await outbox.enqueueDeliveries(result.alertDeliveryIds);
  await outbox.enqueueDeliveries(result.nudgeDeliveryIds, { care: true });
  const enqueueMs = performance.now() - enqueued;
  await outbox.close();
  const queued = result.alertDeliveryIds.length + result.nudgeDeliveryIds.length;
  console.log(
    `   scan (database) ${ms(scanMs)}: ${result.escalated.toLocaleString('en')} 疑似失联, ${result.nudged.toLocaleString('en')} nudged, ` +
      `${result.alerted.toLocaleString('en')} reported in ${result.alertMessages.toLocaleString('en')} alerts; ` +
      `queuing ${queued.toLocaleString('en')} deliveries ${ms(enqueueMs)}`,
  );
  await checkRetry(db);
  const onLeave = await db.$queryRaw<{ on_leave: bigint; paired: bigint; visits: bigint }[]>`
    SELECT count(*) FILTER (WHERE "leaveUntil" > ${runAt}) AS on_leave, count("contactPersonId") AS paired,
      (SELECT count(*) FROM "CareVisit") AS visits FROM "Member"`;
  console.log(
    `   with ${Number(onLeave[0]!.on_leave).toLocaleString('en')} on leave, ${Number(onLeave[0]!.paired).toLocaleString('en')} with a contact person, ` +
      `${Number(onLeave[0]!.visits).toLocaleString('en')} visits`,
  );
  const whereabouts = state === 'typical' ? await measureWhereaboutsPrompt(db) : null;
  console.log('');
  return { members, state, generateMs, scanMs, enqueueMs, ...pick(result), queued, whereabouts };
}

/** The quarterly whereabouts question over the same roster (30 % stale): database time and questions written. */
async function measureWhereaboutsPrompt(db: Db): Promise<{ ms: number; prompted: number }> {
  // It runs the next morning, when the evening's nudges have gone out: the account has its day again.
  await db.$executeRaw`UPDATE "Delivery" SET status = 'SENT', "sentAt" = ${runAt} WHERE status = 'QUEUED'`;
  const started = performance.now();
  const result = await createWhereaboutsPrompts(db, {
    now: runAt,
    staleDays: 90,
    timeZone: options.timeZone,
    budget: await proactiveBudgets(db, { now: runAt, config: account }),
  });
  const took = performance.now() - started;
  console.log(
    `   whereabouts question, the day's share (database) ${ms(took)}: ${result.prompted.toLocaleString('en')} members asked, ` +
      `${result.leftForNextRun.toLocaleString('en')} left for the next working day`,
  );
  return { ms: took, prompted: result.prompted };
}

/** A retried scan (same run time) must find nothing to do. */
async function checkRetry(db: Db): Promise<void> {
  const started = performance.now();
  const again = await scanSilentMembers(db, { ...options, budget: await proactiveBudgets(db, { now: runAt, config: account }) });
  const took = performance.now() - started;
  const nothing = again.escalated === 0 && again.nudged === 0 && again.alerted === 0;
  console.log(`   retried with the same run time: ${nothing ? 'nothing to do' : 'WRONG: did work again'} (${ms(took)})`);
}

// ---------------------------------------------------------------------------------------------
// The roster
// ---------------------------------------------------------------------------------------------

/**
 * Members 1…n in branches round-robin. Per member, deterministic pseudo-random numbers u (bound or
 * not) and v (how long silent): silence s days = v scaled to 0–14 (85 %), 14–30 (10 %), 30–120 (5 %).
 */
async function generate(db: Db, members: number, state: State): Promise<void> {
  await db.$executeRaw`TRUNCATE "CareVisit", "WhereaboutsReport", "HardshipHelp", "HardshipCase", "Delivery", "Broadcast", "Rsvp", "Attendance", "StudyConfirmation", "BookHandout", "StudyPack",
    "Activity", "CheckIn", "InboundMessage", "WechatContact", "ChatGroup", "Member", "Organization" RESTART IDENTITY CASCADE`;
  const branches = Math.ceil(members / membersPerBranch);
  const communities = Math.ceil(branches / branchesPerCommunity);
  const at = (days: Prisma.Sql) => Prisma.sql`(${runAt}::timestamp - (${days})::float8 * interval '1 day')`;
  const launch = state === 'launch';

  await db.$executeRaw`INSERT INTO "Organization" (id, name, path) VALUES (1, '基准区', '基准区')`;
  await db.$executeRaw`
    INSERT INTO "Organization" (id, name, path, "parentId")
    SELECT 1 + c, '社区' || c, '基准区/社区' || c, 1 FROM generate_series(1, ${communities}::int) c`;
  await db.$executeRaw`
    INSERT INTO "Organization" (id, name, path, "parentId")
    SELECT 1 + ${communities}::int + b, '支部' || b, '基准区/社区' || (1 + (b - 1) % ${communities}::int) || '/支部' || b,
           2 + (b - 1) % ${communities}::int
    FROM generate_series(1, ${branches}::int) b`;

  // s: days silent; secretaries (the first member of each branch but every tenth) are active.
  await db.$executeRaw`
    INSERT INTO "Member" (id, name, phone, "organizationId", role, status, residence, workplace, "lastActiveAt",
                          "nudgeCount", "lastNudgedAt", "careAlertedAt", "createdAt", "updatedAt", "leaveUntil", "leaveReason",
                          "contactPersonId", "whereaboutsAt")
    SELECT i, '党员' || i, '1' || lpad(i::text, 10, '0'), 1 + ${communities}::int + b,
      (CASE WHEN secretary THEN 'SECRETARY' ELSE 'MEMBER' END)::"Role",
      (CASE WHEN NOT ${launch}::boolean AND NOT unbound AND s >= 31 THEN 'LOST_CONTACT' ELSE 'ACTIVE' END)::"MemberStatus",
      '城市' || (i % 300), CASE WHEN i % 3 = 0 THEN '单位' || (i % 50) END,
      CASE WHEN unbound THEN NULL ELSE ${at(Prisma.sql`s`)} END,
      CASE WHEN ${launch}::boolean OR unbound OR s < 15 THEN 0 WHEN s < 22 THEN 1 ELSE 2 END,
      CASE WHEN ${launch}::boolean OR unbound OR s < 15 THEN NULL
           WHEN s < 21 THEN ${at(Prisma.sql`floor(s - 14)`)}
           WHEN s < 22 THEN ${at(Prisma.sql`7`)}
           WHEN s < 30 THEN ${at(Prisma.sql`floor(s - 21)`)}
           ELSE ${at(Prisma.sql`least(floor(s - 21), 9)`)} END,
      CASE WHEN ${launch}::boolean THEN NULL
           WHEN unbound THEN (CASE WHEN i % 100 = 0 THEN NULL ELSE ${at(Prisma.sql`50`)} END)
           WHEN s >= 31 THEN ${at(Prisma.sql`floor(s - 30)`)} END,
      ${at(Prisma.sql`200`)}, ${runAt},
      CASE WHEN on_leave THEN ${at(Prisma.sql`-20`)} END, CASE WHEN on_leave THEN '外出务工' END,
      -- 20 %: the member of the row before in the same branch is their contact person.
      CASE WHEN k % 5 = 1 THEN i - ${branches}::int END,
      -- 70 % told their whereabouts within the last 90 days; the rest never since the roster (stale).
      CASE WHEN w < 0.70 THEN ${at(Prisma.sql`w / 0.70 * 89`)} END
    FROM (
      SELECT i, b, k, secretary, unbound AND NOT secretary AS unbound, on_leave AND NOT secretary AS on_leave, w,
        CASE WHEN secretary THEN 1
             WHEN v < 0.85 THEN v / 0.85 * 14
             WHEN v < 0.95 THEN 14 + (v - 0.85) / 0.10 * 16
             ELSE 30 + (v - 0.95) / 0.05 * 90 END AS s
      FROM (
        SELECT i, 1 + (i - 1) % ${branches}::int AS b, (i - 1) / ${branches}::int AS k,
          ((i::bigint * 2246822519) % 4294967296) / 4294967296.0 < 0.10 AS on_leave,
          ((i::bigint * 3266489917) % 4294967296) / 4294967296.0 AS w,
          i <= ${branches}::int AND i % 10 <> 0 AS secretary,
          ((i::bigint * 2654435761) % 4294967296) / 4294967296.0 < 0.10 AS unbound,
          ((i::bigint * 40503 + 12345) % 65536) / 65536.0 AS v
        FROM generate_series(1, ${members}::int) i
      ) raw
    ) member`;
  // A secretary per community (for branches without one), active and bound.
  await db.$executeRaw`
    INSERT INTO "Member" (id, name, phone, "organizationId", role, "lastActiveAt", "createdAt", "updatedAt")
    SELECT ${members}::int + c, '社区书记' || c, '2' || lpad(c::text, 10, '0'), 1 + c, 'SECRETARY',
      ${at(Prisma.sql`1`)}, ${at(Prisma.sql`200`)}, ${runAt}
    FROM generate_series(1, ${communities}::int) c`;
  await db.$executeRaw`SELECT setval(pg_get_serial_sequence('"Member"', 'id'), (SELECT max(id) FROM "Member"))`;
  await db.$executeRaw`SELECT setval(pg_get_serial_sequence('"Organization"', 'id'), (SELECT max(id) FROM "Organization"))`;
  await db.$executeRaw`
    INSERT INTO "WechatContact" (id, "memberId", "boundAt")
    SELECT 'wxid_bench_' || m.id, m.id, ${runAt} FROM "Member" m WHERE m."lastActiveAt" IS NOT NULL`;
  // A visit recorded for every member with a contact person, some weeks ago.
  await db.$executeRaw`
    INSERT INTO "CareVisit" ("memberId", "organizationId", kind, note, "recordedById", at)
    SELECT m.id, m."organizationId", 'PHONE', '电话联系，一切都好', m."contactPersonId", ${at(Prisma.sql`10 + m.id % 60`)}
    FROM "Member" m WHERE m."contactPersonId" IS NOT NULL`;
  // Something to tell silent members: a pack pushed to every community last week, an activity in every fifth.
  await db.$executeRaw`
    INSERT INTO "StudyPack" ("organizationId", title, content, status, "createdById", "pushedAt")
    SELECT 1 + c, '第' || c || '期学习材料', 'https://example.org/' || c, 'PUSHED', ${members}::int + c, ${at(Prisma.sql`3`)}
    FROM generate_series(1, ${communities}::int) c`;
  await db.$executeRaw`
    INSERT INTO "Activity" ("organizationId", title, "startsAt", place, status, "createdById")
    SELECT 1 + c, '主题党日' || c, ${at(Prisma.sql`-4`)}, '党群服务中心', 'OPEN', ${members}::int + c
    FROM generate_series(1, ${communities}::int) c WHERE c % 5 = 0`;
  await db.$executeRawUnsafe('VACUUM ANALYZE');
  // Write the generated data out now, so that the timed scan does not share the disk with the bulk load's flush.
  await db.$executeRawUnsafe('CHECKPOINT');
}

// ---------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------

async function explainSelections(db: Db): Promise<void> {
  const selections = silentScanSelections(options);
  const plans: [string, Prisma.Sql][] = [
    ['escalate (疑似失联 due)', selections.escalate],
    ['nudge (silent, bound, not nudged this week)', selections.nudge],
    ['alert (疑似失联 or unreachable, not yet reported)', selections.alert],
    ['secretaries to tell', Prisma.sql`${careReadersSql}`],
  ];
  console.log('   EXPLAIN (ANALYZE) of the scan’s selections, plan nodes:');
  for (const [name, query] of plans) {
    const rows = await db.$queryRaw<{ 'QUERY PLAN': string }[]>`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${query}`;
    const lines = rows.map((row) => row['QUERY PLAN']);
    const nodes = lines
      .filter((line) => /Scan|Join|Nested Loop|BitmapOr|Append|Execution Time/.test(line))
      .map((line) => line.replace(/\s*\(actual time=[^)]*\)/, '').replace(/^\s*->\s*/, '').trim());
    const fullWalk = lines.some((line) => /Seq Scan on "Member"/.test(line));
    console.log(`     ${name}${fullWalk ? '  ← WRONG: sequential scan of Member' : ''}`);
    for (const node of nodes) console.log(`       ${node}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Summary and helpers
// ---------------------------------------------------------------------------------------------

function printSummary(figures: Figure[]): void {
  const rows = [['members', 'state', 'scan (DB)', 'per 100k', '疑似失联', 'nudged', 'reported', 'alerts', 'queue (Redis)', 'whereabouts question (DB)']];
  for (const f of figures) {
    rows.push([
      f.members.toLocaleString('en'),
      f.state,
      ms(f.scanMs),
      ms((f.scanMs / f.members) * 100_000),
      f.escalated.toLocaleString('en'),
      f.nudged.toLocaleString('en'),
      f.alerted.toLocaleString('en'),
      f.alertMessages.toLocaleString('en'),
      `${ms(f.enqueueMs)} (${f.queued.toLocaleString('en')})`,
      f.whereabouts ? `${ms(f.whereabouts.ms)} (${f.whereabouts.prompted.toLocaleString('en')} asked)` : '',
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log('Summary');
  for (const row of rows) console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('   ').trimEnd()}`);
  console.log('');
  const at = (members: number, state: State) => figures.find((f) => f.members === members && f.state === state);
  for (const state of ['typical', 'launch'] as const) {
    const million = at(1_000_000, state);
    const province = at(4_000_000, state);
    // Launch day's figure includes queueing what the budget allows.
    const total = (f: Figure) => f.scanMs + (state === 'launch' ? f.enqueueMs : 0);
    if (million) {
      const target = targetsMs[state];
      console.log(
        `  ${state === 'typical' ? 'typical evening' : 'launch day'}: 1,000,000 members in ${ms(total(million))} (target < ${ms(target)}: ${total(million) < target ? 'PASS' : 'FAIL'})`,
      );
    }
    if (million && province) {
      const growth = total(province) / total(million);
      console.log(`    4,000,000 members in ${ms(total(province))}: ×${growth.toFixed(1)} the 1,000,000 figure (target ≤ ×4: ${growth <= 4 ? 'PASS' : 'FAIL'})`);
    }
  }
  const question = at(1_000_000, 'typical')?.whereabouts;
  if (question) console.log(`  whereabouts question, a day's share at 1,000,000: ${ms(question.ms)} (target < ${ms(targetsMs.whereabouts)}: ${question.ms < targetsMs.whereabouts ? 'PASS' : 'FAIL'})`);
}

function pick(result: Awaited<ReturnType<typeof scanSilentMembers>>) {
  return { escalated: result.escalated, nudged: result.nudged, alerted: result.alerted, alertMessages: result.alertMessages };
}

async function serverVersion(databaseUrl: string): Promise<string> {
  const db = createDb(databaseUrl);
  const [row] = await db.$queryRaw<{ server_version: string }[]>`SHOW server_version`;
  await db.$disconnect();
  return row?.server_version.split(' ')[0] ?? '?';
}

async function deleteRedisKeys(redis: Redis, base: string): Promise<void> {
  for await (const keys of redis.scanStream({ match: `${base}-*`, count: 1000 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.unlink(...keys);
  }
}

function parseSizes(args: string[]): number[] | null {
  const sizes = args.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return sizes.length > 0 ? sizes : null;
}

function ms(value: number): string {
  return `${Math.round(value).toLocaleString('en')} ms`;
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}

await main();
