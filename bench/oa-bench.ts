/**
 * `npm run bench:oa`: the official-account channel end to end, over HTTP, against the fake WeChat API.
 *
 * 1. Throughput: 8,000 bound members each send 签到 as a 安全模式 callback (signed, AES-sealed; sealed
 *    before the clock starts, as WeChat does that work) to the real assistant's /oa/callback, 64
 *    connections at a time. Timed from the first callback to the last CheckIn row; replies counted
 *    as WeChat accepted them (客服消息 in the window each member's message opened). Goal ≥ 1,000/s.
 * 2. Acknowledgement latency: 2,000 more members send 签到 at a steady 200 callbacks/s for 10 s;
 *    p50 / p99 / max from request to WeChat's `success`. Goal p99 < 200 ms.
 * 3. A 通知 to 10,000 members, 确认 by callback: a third of the members wrote today (window open,
 *    客服消息), two thirds did not (window closed). Run twice: with a template configured for
 *    notices (closed → template) and without (closed → waits for the member's next message).
 *    Timed from the 确认 callback to all 10,000 deliveries queued (goal < 5 s), and to all sent or
 *    waiting, with the split.
 *
 * Each part has a fresh assistant, fake WeChat API and Redis prefix (bench-oa-<run>-*, deleted
 * afterwards). Own database: engagement_bench_oa on the server of DATABASE_URL, emptied per part.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import os from 'node:os';
import { Queue } from 'bullmq';
import { Assistant } from '../src/assistant/assistant.ts';
import { loadConfig, officialAccountPuppet, type Config } from '../src/config.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { applyMigrations, withDatabaseName } from '../src/db/migrate.ts';
import { createLogger } from '../src/log.ts';
import { callbackSignature } from '../src/official-account/callback-signature.ts';
import { encryptReply } from '../src/official-account/encrypted-reply.ts';
import { outboxQueueName } from '../src/queues/queue-names.ts';
import { createRedis } from '../src/queues/redis.ts';
import { startFakeWeChatApi, type FakeWeChatApi } from '../src/simulator/fake-wechat-api.ts';
import { sparePort } from '../test/support/spare-servers.ts';
import { seedBoundBranch } from './support/bound-branch.ts';

/** `npm run bench:oa -- 0.1` runs a tenth of every part (a quick check that it works). */
const scale = Number(process.argv[2] ?? 1);
const burstMembers = Math.round(8_000 * scale);
const steadyMembers = Math.round(2_000 * scale);
const steadyRate = 200;
const noticeMembers = Math.round(10_000 * scale);
const connections = 64;
const timeoutMs = 60_000;
/** How long each part waits for WeChat to have accepted everything, after the figure it times: keeps the run near 3 minutes. */
const replyWaitMs = 20_000;
const sendWaitMs = 40_000;
const appId = 'wx0123456789abcdef';
const appSecret = '0123456789abcdef0123456789abcdef';
const callbackToken = 'benchToken42';
const noticeTemplate = { notice: { id: 'TPL_NOTICE', data: { thing1: 'title', thing2: 'org' } } };
const organizationPath = '基准区/服务号基准支部';

interface Channel {
  assistant: Assistant;
  wechat: FakeWeChatApi;
  db: Db;
  config: Config;
  /** POSTs one callback; resolves with the status and how long the answer took (ms). */
  post: (callback: SealedCallback) => Promise<{ status: number; ms: number }>;
  stop: () => Promise<void>;
}

interface SealedCallback {
  path: string;
  body: string;
}

/**
 * Seen while an assistant stops with messages waiting for members' next message: BullMQ's
 * DelayedError escapes as an unhandled rejection (a defect to chase, outside this bench's figures).
 * Counted and reported rather than ending the run.
 */
let escapedDelayedErrors = 0;
process.on('unhandledRejection', (error) => {
  if (error instanceof Error && error.name === 'DelayedError') escapedDelayedErrors += 1;
  else throw error;
});

async function main(): Promise<void> {
  const databaseUrl = withDatabaseName(loadConfig().DATABASE_URL, 'engagement_bench_oa');
  await applyMigrations({ databaseUrl, createDatabase: true });
  const run = randomUUID().slice(0, 8);
  console.log(`Official-account benchmark: Node ${process.version}, ${os.cpus().length} CPUs, ${connections} HTTP connections, 安全模式\n`);

  const throughput = await measureThroughput(databaseUrl, `bench-oa-${run}-1`);
  console.log(`callbacks → CheckIn rows   ${throughput.callbacks.toLocaleString('en')} in ${throughput.seconds.toFixed(2)} s = ${Math.round(throughput.callbacks / throughput.seconds).toLocaleString('en')}/s (goal ≥ 1,000/s)`);
  console.log(`                           ${throughput.note}`);
  const latency = await measureLatency(databaseUrl, `bench-oa-${run}-2`);
  console.log(`acknowledgement latency    at ${steadyRate}/s for ${(steadyMembers / steadyRate).toFixed(0)} s: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms (goal p99 < 200 ms); ${latency.note}`);
  for (const template of [true, false]) {
    const figure = await measureNotice(databaseUrl, `bench-oa-${run}-${template ? 3 : 4}`, template);
    console.log(`通知 to ${noticeMembers.toLocaleString('en')}, ${figure.label.padEnd(14)} queued ${figure.queuedSeconds.toFixed(2)} s (goal < 5 s); all sent or waiting ${figure.doneSeconds.toFixed(2)} s: ${figure.split}`);
  }
  if (escapedDelayedErrors > 0) console.log(`(${escapedDelayedErrors} DelayedError rejections escaped the outbox worker while an assistant stopped)`);
}

/** Part 1: a burst of 签到 callbacks, as fast as 64 connections carry them, into CheckIn rows. */
async function measureThroughput(databaseUrl: string, prefix: string) {
  const channel = await startChannel(databaseUrl, prefix, {});
  const openIds = await seedMembers(channel, burstMembers);
  const sealed = openIds.map((openId) => sealText(channel.config, openId, '签到'));
  for (const openId of openIds) channel.wechat.userMessage(openId);
  const started = performance.now();
  const answers = await inPool(sealed, connections, channel.post);
  const allRows = await waitUntil(async () => (await channel.db.checkIn.count()) >= openIds.length);
  const seconds = (performance.now() - started) / 1000;
  const repliesAtRows = channel.wechat.sent.length;
  const allReplies = await waitUntil(() => channel.wechat.sent.length >= openIds.length, replyWaitMs);
  const repliesSeconds = (performance.now() - started) / 1000;
  const refused = answers.filter((answer) => answer.status !== 200).length;
  const rows = await channel.db.checkIn.count();
  const replies = channel.wechat.sent.length;
  const note =
    `${allRows ? `${rows.toLocaleString('en')} CheckIn rows` : `gave up: ${rows} of ${openIds.length} rows`}, ${refused} callbacks not acknowledged; ` +
    `replies accepted by WeChat: ${repliesAtRows.toLocaleString('en')} when the last row was written, ` +
    `${replies.toLocaleString('en')} after ${repliesSeconds.toFixed(2)} s (${Math.round(replies / repliesSeconds)}/s${allReplies ? ', all' : `; stopped waiting ${replyWaitMs / 1000} s after the rows`})`;
  await channel.stop();
  return { callbacks: sealed.length, seconds, note };
}

/** Part 2: a steady rate of callbacks; how long each waits for `success`. */
async function measureLatency(databaseUrl: string, prefix: string) {
  const channel = await startChannel(databaseUrl, prefix, {});
  const openIds = await seedMembers(channel, steadyMembers);
  const sealed = openIds.map((openId) => sealText(channel.config, openId, '签到'));
  for (const openId of openIds) channel.wechat.userMessage(openId);
  const started = performance.now();
  const answers = await Promise.all(
    sealed.map(async (callback, i) => {
      const due = started + (i * 1000) / steadyRate;
      await sleep(due - performance.now());
      return channel.post(callback);
    }),
  );
  const allRows = await waitUntil(async () => (await channel.db.checkIn.count()) >= openIds.length);
  const latencies = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  const refused = answers.filter((answer) => answer.status !== 200).length;
  const note = `${refused} not acknowledged, ${allRows ? 'every CheckIn row written' : 'rows missing'}`;
  await channel.stop();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1)!, note };
}

/** Part 3: 通知 → 确认 → 10,000 deliveries routed by window and template. */
async function measureNotice(databaseUrl: string, prefix: string, template: boolean) {
  const channel = await startChannel(databaseUrl, prefix, template ? { OA_TEMPLATES: JSON.stringify(noticeTemplate) } : {});
  if (template) channel.wechat.addTemplate(noticeTemplate.notice.id);
  const [secretary, ...openIds] = await seedMembers(channel, noticeMembers + 1);
  // A third wrote today (a picture: no reply, but the window opens on both sides).
  const writers = openIds.filter((_, i) => i % 3 === 0);
  for (const openId of writers) channel.wechat.userMessage(openId);
  await inPool(
    writers.map((openId) => sealImage(channel.config, openId)),
    connections,
    channel.post,
  );
  await channel.assistant.idle();

  const notice = '本周六上午9点在党群服务中心开展主题党日活动，学习全会精神，请准时参加。';
  channel.wechat.userMessage(secretary!);
  await channel.post(sealText(channel.config, secretary!, `通知 ${notice}`));
  await waitUntil(() => channel.wechat.sent.some((message) => message.openId === secretary && message.type === 'custom' && message.text.includes('确认')));
  const outbox = new Queue(outboxQueueName(channel.config.BOT_NAME), { connection: createRedis(channel.config.REDIS_URL), prefix: channel.config.QUEUE_PREFIX });
  const jobs = async () => Object.values(await outbox.getJobCounts()).reduce((sum, count) => sum + count, 0);
  const jobsBefore = await jobs();
  const sentBefore = channel.wechat.sent.length;
  channel.wechat.userMessage(secretary!);
  const started = performance.now();
  await channel.post(sealText(channel.config, secretary!, '确认'));
  // Queued: a job in the outbox for every member (the secretary's own reply is one more).
  await waitUntil(async () => (await jobs()) - jobsBefore >= noticeMembers);
  const queuedSeconds = (performance.now() - started) / 1000;
  await outbox.close();
  const memberDeliveries = { broadcast: { text: { contains: notice } }, conversationId: { not: secretary! } };
  const settled = () => channel.db.delivery.count({ where: { ...memberDeliveries, OR: [{ status: 'SENT' }, { awaitingSince: { not: null } }] } });
  const done = await waitUntil(async () => (await settled()) >= noticeMembers, sendWaitMs);
  const doneSeconds = (performance.now() - started) / 1000;
  const settledCount = await settled();
  const toMembers = channel.wechat.sent.slice(sentBefore).filter((message) => message.openId !== secretary);
  const custom = toMembers.filter((message) => message.type === 'custom').length;
  const templates = toMembers.length - custom;
  const waiting = await channel.db.delivery.count({ where: { ...memberDeliveries, awaitingSince: { not: null } } });
  const split = `${custom.toLocaleString('en')} 客服消息, ${templates.toLocaleString('en')} template, ${waiting.toLocaleString('en')} waiting${done ? '' : `; only ${settledCount.toLocaleString('en')} of ${noticeMembers.toLocaleString('en')} sent or waiting when the bench stopped waiting (${Math.round(settledCount / doneSeconds)}/s)`}`;
  await channel.stop();
  return { label: template ? 'template set:' : 'no template:', queuedSeconds, doneSeconds, split };
}

async function startChannel(databaseUrl: string, prefix: string, env: Record<string, string>): Promise<Channel> {
  const wechat = await startFakeWeChatApi({ appId, appSecret });
  const port = await sparePort();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: prefix,
    BOT_NAME: `oa-bench-${randomBytes(3).toString('hex')}`,
    WECHATY_PUPPET: officialAccountPuppet,
    OA_APP_ID: appId,
    OA_APP_SECRET: appSecret,
    OA_TOKEN: callbackToken,
    OA_ENCODING_AES_KEY: randomBytes(32).toString('base64').replace(/[^A-Za-z0-9]/g, 'A').slice(0, 43),
    OA_API_BASE_URL: wechat.url,
    WEB_PORT: String(port),
    WEB_HOST: '127.0.0.1',
    QUIET_HOURS: 'off',
    DAILY_MESSAGE_CAP: '50',
    ALLOW_VOLATILE_REDIS: 'true',
    ...env,
  });
  const db = createDb(databaseUrl);
  await db.$executeRaw`TRUNCATE "Delivery", "Broadcast", "CheckIn", "InboundMessage", "WechatContact", "ChatGroup", "Member", "Organization" RESTART IDENTITY CASCADE`;
  const assistant = new Assistant(officialAccountPuppet, { config, migrate: false, schedules: false, log: createLogger('silent') });
  await assistant.ready;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  return {
    assistant,
    wechat,
    db,
    config,
    post: (callback) => postCallback(agent, port, callback),
    async stop() {
      agent.destroy();
      await assistant.stop();
      await wechat.close();
      await db.$disconnect();
      await deleteRedisKeys(config);
    },
  };
}

/** `count` members of one branch (the first a secretary), each bound to an OpenID that follows the account; returns the OpenIDs. */
async function seedMembers(channel: Channel, count: number): Promise<string[]> {
  const { db, config, wechat } = channel;
  await seedBoundBranch(db, { name: '服务号基准支部', path: organizationPath, count, contactPrefix: 'o-bench-', account: config.BOT_NAME });
  const openIds = (await db.wechatContact.findMany({ select: { id: true }, orderBy: { memberId: 'asc' } })).map((contact) => contact.id);
  for (const openId of openIds) wechat.follow(openId);
  return openIds;
}

function sealText(config: Config, openId: string, text: string): SealedCallback {
  return seal(config, `<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${randomMsgId()}</MsgId>`, openId);
}

function sealImage(config: Config, openId: string): SealedCallback {
  return seal(config, `<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://mmbiz.qpic.cn/bench]]></PicUrl><MediaId><![CDATA[media-1]]></MediaId><MsgId>${randomMsgId()}</MsgId>`, openId);
}

/** WeChat's 安全模式 request: the XML sealed with the EncodingAESKey, the URL signed with the token. */
function seal(config: Config, fields: string, openId: string): SealedCallback {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 2 ** 40));
  const xml = `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName><CreateTime>${timestamp}</CreateTime>${fields}</xml>`;
  const sealed = encryptReply({ token: config.OA_TOKEN!, encodingAesKey: config.OA_ENCODING_AES_KEY!, appId, xml, timestamp, nonce });
  const query = new URLSearchParams({
    signature: callbackSignature([config.OA_TOKEN!, timestamp, nonce]),
    timestamp,
    nonce,
    openid: openId,
    encrypt_type: 'aes',
    msg_signature: sealed.msgSignature,
  });
  const body = sealed.body.replace('<xml>', '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>');
  return { path: `/oa/callback?${query}`, body };
}

let msgIds = BigInt(Date.now()) * 1000n;
function randomMsgId(): string {
  msgIds += 1n;
  return String(msgIds);
}

function postCallback(agent: Agent, port: number, callback: SealedCallback): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { agent, host: '127.0.0.1', port, method: 'POST', path: callback.path, headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(callback.body) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(callback.body);
  });
}

/** Runs `work` over the items with at most `limit` in flight; results in order. */
async function inPool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function deleteRedisKeys(config: Config): Promise<void> {
  const redis = createRedis(config.REDIS_URL);
  for await (const keys of redis.scanStream({ match: `${config.QUEUE_PREFIX}:*`, count: 1000 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.unlink(...keys);
  }
  await redis.quit();
}

/** Polls every 20 ms; false if `limitMs` passed first. */
async function waitUntil(done: () => boolean | Promise<boolean>, limitMs = timeoutMs): Promise<boolean> {
  const deadline = performance.now() + limitMs;
  while (!(await done())) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

await main();
