/**
 * `npm run bench:outbox`: the outbox against the three figures of the issue, in one run.
 *
 * 1. Broadcast creation: a 通知 by a secretary to an organisation of 10,000 members (each with a
 *    bound WeChat) and 2 linked group chats: createBroadcastPreview → confirmBroadcastPreview
 *    (rows) → Outbox.enqueueDeliveries (jobs), 3 times, each a fresh broadcast and queue prefix.
 *    Target: under 2 s for rows + jobs.
 * 2. Pacing: the real outbox worker (createOutboxWorker, real Pacer) sending to a ChatPort that
 *    only records when each message was handed over. Target: the mean interval between sends
 *    within 5 % of the configured interval + jitter / 2.
 * 3. Memory: 100,000 delivery jobs waiting in the queue, no worker taking them (then the real
 *    worker attached to the paused queue). Target: heapUsed flat, i.e. no per-job memory.
 *
 * Uses its own database (engagement_bench on the server of DATABASE_URL, emptied first) and
 * fresh Redis key prefixes (bench-outbox-<run>-*), deleted at the end. Forced GC needs no node
 * flag: it is switched on from inside (v8.setFlagsFromString) when `--expose-gc` was not given.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Queue, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { applyMigrations, withDatabaseName } from '../src/db/migrate.ts';
import type { ChatPort, OutgoingMessage } from '../src/delivery/chat-port.ts';
import { createOperatorAlerts } from '../src/alerts/operator-alerts.ts';
import { AccountLimits } from '../src/delivery/account-limits.ts';
import { AwaitingMessages } from '../src/delivery/awaiting-messages.ts';
import { createOutboxWorker } from '../src/delivery/outbox-worker.ts';
import { Outbox, type OutboxJob } from '../src/delivery/outbox.ts';
import { Pacer, pacerKey } from '../src/delivery/pacer.ts';
import { confirmBroadcastPreview } from '../src/domain/broadcasts/confirm-broadcast-preview.ts';
import { createBroadcastPreview } from '../src/domain/activities/create-broadcast-preview.ts';
import type { SenderMember } from '../src/domain/shared/sender.ts';
import { createLogger } from '../src/log.ts';
import { Gate } from '../src/queues/gate.ts';
import { outboxQueueName } from '../src/queues/queue-names.ts';
import { createRedis } from '../src/queues/redis.ts';
import { seedBoundBranch } from './support/bound-branch.ts';

const memberCount = 10_000;
const groupCount = 2;
const creationRuns = 3;
const creationLimitMs = 2_000;
const pacingTolerancePercent = 5;
const waitingJobs = 100_000;
const sampleEvery = 20_000;
/** heapUsed may grow at most this much (after GC) with 100,000 jobs waiting: under 50 bytes a job. */
const flatHeapBytes = 5 * 1024 * 1024;
const account = 'bench';
const timeZone = 'Asia/Shanghai';
const organizationPath = '基准区/外发基准支部';
const log = createLogger('silent');
const alerts = createOperatorAlerts({ url: '', account, log });
const gc = exposeGc();
const MB = 1024 * 1024;

/** The account's limits out of the way (no warm-up, a cap no part reaches): these parts measure pacing and memory. */
function unlimitedAccount(db: Db, redis: Redis, prefix: string): AccountLimits {
  return new AccountLimits({ redis, db, prefix, account, dailyCap: 100_000, throttlePauseMs: 3_600_000, warmupMs: 0 });
}

interface Context {
  db: Db;
  redis: Redis;
  /** Prefix of every Redis key of this run; each part adds its own suffix. */
  base: string;
  secretary: SenderMember;
}

interface CreationFigure {
  run: number;
  rowsMs: number;
  jobsMs: number;
  totalMs: number;
  rows: number;
  jobs: number;
  ok: boolean;
}

interface PacingFigure {
  name: string;
  sends: number;
  meanMs: number;
  expectedMs: number;
  errorPercent: number;
  /** Expected from the jitter the pacer actually drew (separates sampling noise from overhead). */
  drawnMs: number;
  minMs: number;
  maxMs: number;
  note: string;
}

interface MemorySample {
  label: string;
  heapUsed: number;
  rss: number;
}

interface MemoryFigure {
  enqueueMs: number;
  jobs: number;
  series: MemorySample[];
  heapGrowthAfterGc: number;
  rssGrowthAfterGc: number;
  redisBytesPerJob: number | null;
  idle: MemorySample[];
  pausedWorker: MemorySample[];
  jobsAfterWorker: number;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const databaseUrl = withDatabaseName(config.DATABASE_URL, 'engagement_bench');
  await applyMigrations({ databaseUrl, createDatabase: true });
  console.log(`Outbox benchmark: Node ${process.version}, ${os.cpus().length} CPUs, BullMQ queue prefix bench-outbox-*\n`);

  const db = createDb(databaseUrl);
  const redis = createRedis(config.REDIS_URL);
  const base = `bench-outbox-${randomUUID().slice(0, 8)}`;
  try {
    const secretary = await seedOrganization(db);
    const context: Context = { db, redis, base, secretary };
    const creation = await measureCreation(context);
    const pacing = await measurePacing(context);
    const memory = await measureMemory(context);
    printSummary(creation, pacing, memory);
  } finally {
    await deleteRedisKeys(redis, base);
    await redis.quit();
    await db.$disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Broadcast creation
// ---------------------------------------------------------------------------------------------

async function measureCreation(context: Context): Promise<CreationFigure[]> {
  const { db, redis, base, secretary } = context;
  console.log(`1. Broadcast creation: 通知 to ${memberCount.toLocaleString('en')} members + ${groupCount} group chats`);
  const figures: CreationFigure[] = [];
  for (let run = 1; run <= creationRuns; run++) {
    const prefix = `${base}-create${run}`;
    const outbox = new Outbox({ connection: redis, prefix, account });
    const counter = new Queue<OutboxJob>(outboxQueueName(account), { connection: redis, prefix });
    await counter.waitUntilReady();

    const started = performance.now();
    const preview = await createBroadcastPreview(db, {
      secretary,
      targetTag: null,
      request: { kind: 'NOTICE', content: `基准通知 第 ${run} 次：本周六上午九点社区党群服务中心集中学习。` },
      timeZone,
    });
    const confirmed = await confirmBroadcastPreview(db, { secretaryId: secretary.id, now: new Date() });
    const rowsDone = performance.now();
    if (confirmed.outcome !== 'confirmed') throw new Error('the preview was not confirmed');
    await outbox.enqueueDeliveries(confirmed.deliveryIds);
    const jobsDone = performance.now();

    const rows = await db.delivery.count({ where: { broadcastId: preview.broadcastId } });
    const counts = await counter.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    // Deliveries carry a priority, so BullMQ keeps them in its 'prioritized' set: waiting all the same.
    const jobs = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
    const expected = memberCount + groupCount;
    const figure: CreationFigure = {
      run,
      rowsMs: rowsDone - started,
      jobsMs: jobsDone - rowsDone,
      totalMs: jobsDone - started,
      rows,
      jobs,
      ok: rows === expected && jobs === expected && confirmed.deliveryIds.length === expected && confirmed.unreachable === 0,
    };
    figures.push(figure);
    console.log(
      `   run ${run}: rows ${ms(figure.rowsMs)} + jobs ${ms(figure.jobsMs)} = ${ms(figure.totalMs)}` +
        `   (${rows.toLocaleString('en')} Delivery rows, ${jobs.toLocaleString('en')} jobs waiting` +
        `${figure.ok ? '' : `, WRONG: expected ${expected.toLocaleString('en')} of each`})`,
    );
    await outbox.close();
    await counter.close();
  }
  console.log('');
  return figures;
}

// ---------------------------------------------------------------------------------------------
// 2. Pacing
// ---------------------------------------------------------------------------------------------

async function measurePacing(context: Context): Promise<PacingFigure[]> {
  console.log('2. Pacing: the real outbox worker, a ChatPort that records when each message is handed over');
  const figures: PacingFigure[] = [];
  const variants: { name: string; intervalMs: number; jitterMs: number; sends: number; kind: 'reply' | 'delivery' }[] = [
    { name: 'replies, 200 ms + 0–100 ms jitter', intervalMs: 200, jitterMs: 100, sends: 60, kind: 'reply' },
    { name: 'replies, 200 ms, no jitter', intervalMs: 200, jitterMs: 0, sends: 60, kind: 'reply' },
    { name: 'deliveries (PostgreSQL per send), 200 ms, no jitter', intervalMs: 200, jitterMs: 0, sends: 30, kind: 'delivery' },
  ];
  for (const [index, variant] of variants.entries()) {
    const figure = await measurePacingVariant(context, `${context.base}-pace${index + 1}`, variant);
    figures.push(figure);
    console.log(
      `   ${figure.name}: mean ${figure.meanMs.toFixed(1)} ms, expected ${figure.expectedMs.toFixed(1)} ms, ` +
        `error ${signed(figure.errorPercent)} %  (min ${figure.minMs.toFixed(0)}, max ${figure.maxMs.toFixed(0)} ms; ` +
        `jitter as drawn: ${figure.drawnMs.toFixed(1)} ms)${figure.note ? `  ${figure.note}` : ''}`,
    );
  }
  console.log('');
  return figures;
}

async function measurePacingVariant(
  context: Context,
  prefix: string,
  variant: { name: string; intervalMs: number; jitterMs: number; sends: number; kind: 'reply' | 'delivery' },
): Promise<PacingFigure> {
  const { db, redis } = context;
  const outbox = new Outbox({ connection: redis, prefix, account });
  let deliveryIds: number[] = [];
  if (variant.kind === 'reply') {
    await outbox.enqueueReplies(
      Array.from({ length: variant.sends }, (_, i) => ({
        key: `bench-pace-${i}`,
        message: { conversationId: `wxid_bench_${i + 1}`, toGroup: false, text: `第 ${i + 1} 条回复` },
      })),
    );
  } else {
    // Member deliveries of the last broadcast from part 1, still QUEUED: the full path (load, cap, claim, mark sent).
    const rows = await db.delivery.findMany({
      where: { status: 'QUEUED', memberId: { not: null } },
      orderBy: { id: 'desc' },
      take: variant.sends,
      select: { id: true },
    });
    deliveryIds = rows.map((row) => row.id).reverse();
    await outbox.enqueueDeliveries(deliveryIds);
  }

  const sentAt: number[] = [];
  const chat: ChatPort = {
    async send(_message: OutgoingMessage) {
      sentAt.push(performance.now());
    },
    async setRemark() {},
  };
  // The pacer's own `random` option, recording what it draws; the pacing itself is the real one.
  const draws: number[] = [];
  const random = () => {
    const value = Math.random();
    draws.push(value);
    return value;
  };
  const worker = createOutboxWorker({
    connection: redis,
    prefix,
    account,
    db,
    chat,
    rules: {
      pacer: new Pacer({
        redis,
        key: pacerKey(prefix, account),
        // Replies keep a pace of their own: the variant's pace is whichever kind it sends.
        intervalMs: variant.intervalMs,
        jitterMs: variant.jitterMs,
        replyIntervalMs: variant.intervalMs,
        replyJitterMs: variant.jitterMs,
        groupPauseMs: 0,
        strangerShare: 0.1,
        random,
      }),
      account: unlimitedAccount(db, redis, prefix),
      quietHours: null,
      dailyCap: 50,
      timeZone,
      morningSpreadMs: 0,
    },
    now: () => new Date(),
    log,
    alerts,
    gate: new Gate(),
    awaiting: new AwaitingMessages({ redis, prefix, account }),
    onUnreachable: async () => {},
  });
  const limitMs = variant.sends * (variant.intervalMs + variant.jitterMs) + 10_000;
  const complete = await waitUntil(() => sentAt.length >= variant.sends, limitMs);
  await worker.close();
  await outbox.close();

  let note = complete ? '' : `WRONG: only ${sentAt.length} of ${variant.sends} sent in ${limitMs / 1000} s`;
  if (variant.kind === 'delivery') {
    const sent = await db.delivery.count({ where: { id: { in: deliveryIds }, status: 'SENT' } });
    if (sent !== deliveryIds.length) note += ` WRONG: ${sent} of ${deliveryIds.length} Delivery rows SENT`;
  }
  const intervals = sentAt.slice(1).map((at, i) => at - sentAt[i]!);
  const meanMs = mean(intervals);
  const expectedMs = variant.intervalMs + variant.jitterMs / 2;
  // Draw k set the gap between send k and send k + 1 (Pacer rounds the jitter to whole ms).
  const drawnMs = mean(draws.slice(0, intervals.length).map((r) => variant.intervalMs + Math.round(r * variant.jitterMs)));
  return {
    name: variant.name,
    sends: sentAt.length,
    meanMs,
    expectedMs,
    errorPercent: ((meanMs - expectedMs) / expectedMs) * 100,
    drawnMs,
    minMs: Math.min(...intervals),
    maxMs: Math.max(...intervals),
    note: note.trim(),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Memory with 100,000 waiting jobs
// ---------------------------------------------------------------------------------------------

async function measureMemory(context: Context): Promise<MemoryFigure> {
  const { db, redis, base } = context;
  const prefix = `${base}-memory`;
  console.log(`3. Memory: ${waitingJobs.toLocaleString('en')} delivery jobs waiting, no worker taking them (heapUsed / rss)`);
  const outbox = new Outbox({ connection: redis, prefix, account });
  const counter = new Queue<OutboxJob>(outboxQueueName(account), { connection: redis, prefix });
  await counter.waitUntilReady();
  const redisBefore = await redisUsedMemory(redis);

  const series: MemorySample[] = [];
  const record = (label: string, into: MemorySample[] = series) => {
    const sample = { label, ...pick(process.memoryUsage()) };
    into.push(sample);
    console.log(`   ${label.padEnd(30)} heap ${mb(sample.heapUsed)}   rss ${mb(sample.rss)}`);
    return sample;
  };

  collectGarbage();
  const before = record('before (after GC)');
  let enqueueMs = 0;
  for (let done = 0; done < waitingJobs; done += sampleEvery) {
    // Fake delivery ids: nothing processes them; ids above any real one.
    const ids = Array.from({ length: sampleEvery }, (_, i) => 1_000_000 + done + i);
    const started = performance.now();
    await outbox.enqueueDeliveries(ids);
    enqueueMs += performance.now() - started;
    record(`after ${(done + sampleEvery).toLocaleString('en')} jobs`);
  }
  collectGarbage();
  const afterGc = record('after GC');
  const counts = await counter.getJobCounts('waiting', 'prioritized');
  const jobs = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
  const redisAfter = await redisUsedMemory(redis);
  const redisBytesPerJob = redisBefore !== null && redisAfter !== null ? (redisAfter - redisBefore) / waitingJobs : null;
  console.log(
    `   ${jobs.toLocaleString('en')} jobs waiting; enqueued in ${ms(enqueueMs)} (${Math.round(waitingJobs / (enqueueMs / 1000)).toLocaleString('en')} jobs/s)` +
      (redisBytesPerJob !== null ? `; Redis holds about ${Math.round(redisBytesPerJob)} bytes a job` : ''),
  );
  console.log(`   growth after GC: heap ${signedMb(afterGc.heapUsed - before.heapUsed)}, rss ${signedMb(afterGc.rss - before.rss)}`);

  console.log('   while they wait, the Outbox (queue side) open, sampled every second:');
  const idle: MemorySample[] = [];
  for (let second = 1; second <= 5; second++) {
    await sleep(1_000);
    record(`  ${second} s`, idle);
  }

  // The real worker, attached to the paused queue: it must not pull the waiting jobs into memory.
  console.log('   the real outbox worker started on the paused queue, sampled every second:');
  await counter.pause();
  const worker: Worker<OutboxJob> = createOutboxWorker({
    connection: redis,
    prefix,
    account,
    db,
    chat: { send: async () => undefined, setRemark: async () => undefined },
    rules: {
      pacer: new Pacer({
        redis,
        key: pacerKey(prefix, account),
        intervalMs: 3_000,
        jitterMs: 2_000,
        replyIntervalMs: 1_000,
        replyJitterMs: 500,
        groupPauseMs: 10_000,
        strangerShare: 0.1,
      }),
      account: unlimitedAccount(db, redis, prefix),
      quietHours: null,
      dailyCap: 2,
      timeZone,
      morningSpreadMs: 0,
    },
    now: () => new Date(),
    log,
    alerts,
    gate: new Gate(),
    awaiting: new AwaitingMessages({ redis, prefix, account }),
    onUnreachable: async () => {},
  });
  await worker.waitUntilReady();
  const pausedWorker: MemorySample[] = [];
  for (let second = 1; second <= 5; second++) {
    await sleep(1_000);
    record(`  ${second} s`, pausedWorker);
  }
  await worker.close();
  const countsAfter = await counter.getJobCounts('waiting', 'prioritized', 'active', 'completed');
  const jobsAfterWorker = (countsAfter.waiting ?? 0) + (countsAfter.prioritized ?? 0);
  console.log(`   jobs still waiting after the worker stopped: ${jobsAfterWorker.toLocaleString('en')}\n`);

  await outbox.close();
  await counter.close();
  return {
    enqueueMs,
    jobs,
    series,
    heapGrowthAfterGc: afterGc.heapUsed - before.heapUsed,
    rssGrowthAfterGc: afterGc.rss - before.rss,
    redisBytesPerJob,
    idle,
    pausedWorker,
    jobsAfterWorker,
  };
}

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------

function printSummary(creation: CreationFigure[], pacing: PacingFigure[], memory: MemoryFigure): void {
  const worstCreation = Math.max(...creation.map((f) => f.totalMs));
  const creationOk = creation.every((f) => f.ok) && worstCreation < creationLimitMs;
  const worstPacing = pacing.reduce((worst, f) => (Math.abs(f.errorPercent) > Math.abs(worst.errorPercent) ? f : worst));
  const pacingOk = pacing.every((f) => !f.note && Math.abs(f.errorPercent) <= pacingTolerancePercent);
  const waiting = [...memory.idle, ...memory.pausedWorker].map((s) => s.heapUsed);
  const waitingSpread = Math.max(...waiting) - Math.min(...waiting);
  const memoryOk =
    memory.jobs === waitingJobs &&
    memory.jobsAfterWorker === waitingJobs &&
    memory.heapGrowthAfterGc < flatHeapBytes &&
    waitingSpread < flatHeapBytes;

  const rows = [
    ['target', 'measured', 'limit', 'result'],
    [
      `broadcast to ${memberCount.toLocaleString('en')} members (rows + jobs)`,
      `${creation.map((f) => ms(f.totalMs)).join(', ')} (worst ${ms(worstCreation)})`,
      `< ${ms(creationLimitMs)}, ${(memberCount + groupCount).toLocaleString('en')} rows + jobs`,
      creationOk ? 'PASS' : 'FAIL',
    ],
    [
      'pacing matches the configured rate',
      `${pacing.map((f) => `${signed(f.errorPercent)} %`).join(', ')} (worst ${signed(worstPacing.errorPercent)} %)`,
      `within ${pacingTolerancePercent} %`,
      pacingOk ? 'PASS' : 'FAIL',
    ],
    [
      `memory flat, ${waitingJobs.toLocaleString('en')} jobs waiting`,
      `heap ${signedMb(memory.heapGrowthAfterGc)} after GC, ${mb(waitingSpread)} spread while waiting`,
      `< ${mb(flatHeapBytes)} (50 B a job)`,
      memoryOk ? 'PASS' : 'FAIL',
    ],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log('Summary');
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('   ').trimEnd());
}

// ---------------------------------------------------------------------------------------------
// Set-up and helpers
// ---------------------------------------------------------------------------------------------

/** Empties the database, then one organisation: member 1 its secretary, every member bound to a WeChat, 2 linked groups. */
async function seedOrganization(db: Db): Promise<SenderMember> {
  await db.$executeRaw`TRUNCATE "Delivery", "Broadcast", "Rsvp", "Attendance", "Activity", "CheckIn", "InboundMessage",
    "WechatContact", "ChatGroup", "Member", "Organization" RESTART IDENTITY CASCADE`;
  const organizationId = await seedBoundBranch(db, { name: '外发基准支部', path: organizationPath, count: memberCount, contactPrefix: 'wxid_bench_' });
  await db.chatGroup.createMany({
    data: Array.from({ length: groupCount }, (_, i) => ({ id: `bench-room-${i + 1}@chatroom`, organizationId, linkedAt: new Date() })),
  });
  const secretary = await db.member.findFirstOrThrow({ where: { role: 'SECRETARY', organizationId } });
  return {
    id: secretary.id,
    name: secretary.name,
    role: secretary.role,
    organizationId,
    organizationPath,
    tags: secretary.tags,
  };
}

/** Removes this run's BullMQ keys (all parts' prefixes). */
async function deleteRedisKeys(redis: Redis, base: string): Promise<void> {
  for await (const keys of redis.scanStream({ match: `${base}-*`, count: 1000 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.unlink(...keys);
  }
}

async function redisUsedMemory(redis: Redis): Promise<number | null> {
  const match = /^used_memory:(\d+)/m.exec(await redis.info('memory'));
  return match ? Number(match[1]) : null;
}

/** `gc` from --expose-gc if given, else switched on at run time, so `tsx bench/outbox-bench.ts` needs no flag. */
function exposeGc(): () => void {
  const given = (globalThis as { gc?: () => void }).gc;
  if (given) return given;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function collectGarbage(): void {
  gc();
  gc();
}

function pick(usage: NodeJS.MemoryUsage): { heapUsed: number; rss: number } {
  return { heapUsed: usage.heapUsed, rss: usage.rss };
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function mean(values: number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function ms(value: number): string {
  return `${Math.round(value).toLocaleString('en')} ms`;
}

function mb(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

function signedMb(bytes: number): string {
  return `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))}`;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`;
}

await main();
