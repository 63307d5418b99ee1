/**
 * `npm run bench`: room messages per second in a 500-member group chat, two ways, in one run.
 *
 * - plain Wechaty: a `bot.on('message')` handler that only counts. Wechaty readies every
 *   Message (its room, its talker) before emitting it.
 * - the assistant: the real plugin on the same Wechaty stack, timed from the first message
 *   event until every check-in is a row in PostgreSQL (event → Redis intake → CheckIn).
 *
 * It uses its own database (engagement_bench, on the server of DATABASE_URL), emptied before
 * each scenario, and a fresh Redis key prefix that it deletes afterwards.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { WechatyBuilder } from 'wechaty';
import * as PUPPET from 'wechaty-puppet';
import { loadConfig, type Config } from '../src/config.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { applyMigrations, withDatabaseName } from '../src/db/migrate.ts';
import { addDays, localDay } from '../src/domain/local-day.ts';
import { createLogger } from '../src/log.ts';
import { EngagementAssistant } from '../src/plugin.ts';
import { createRedis } from '../src/queues/redis.ts';
import { MockWorld, type ContactMock, type RoomMock } from '../src/simulator/mock-world.ts';

const roomSize = 500;
const plainMessages = 1_000;
const plainTimeoutMs = 60_000;
/** Days of check-ins per assistant run: 500 members × 10 and × 40 days. */
const assistantRuns = [10, 40];
const assistantTimeoutMs = 120_000;
const timeZone = 'Asia/Shanghai';

interface Figure {
  scenario: string;
  /** Messages handled (plain Wechaty) or check-ins written (assistant) when the clock stopped. */
  messages: number;
  seconds: number;
  note: string;
}

async function main(): Promise<void> {
  const databaseUrl = withDatabaseName(loadConfig().DATABASE_URL, 'engagement_bench');
  await applyMigrations({ databaseUrl, createDatabase: true });
  console.log(`Intake benchmark: Node ${process.version}, ${os.cpus().length} CPUs, ${roomSize}-member room\n`);

  const figures = [await measurePlainWechaty()];
  for (const days of assistantRuns) figures.push(await measureAssistant(databaseUrl, days));
  printTable(figures);
}

/** Wechaty's own path: how fast does a handler that does nothing see room messages? */
async function measurePlainWechaty(): Promise<Figure> {
  const world = new MockWorld();
  const { members, room } = populateRoom(world);
  const bot = WechatyBuilder.build({ puppet: world.puppet });
  let seen = 0;
  bot.on('message', async () => {
    seen += 1;
  });
  await bot.start();
  world.login();

  const started = performance.now();
  for (let i = 0; i < plainMessages; i++) members[i % members.length]!.say('签到').to(room);
  const complete = await waitUntil(() => seen >= plainMessages, plainTimeoutMs);
  const seconds = elapsedSeconds(started);
  await bot.stop();
  return {
    scenario: "plain Wechaty bot.on('message')",
    messages: seen,
    seconds,
    note: complete ? 'handler saw every message' : `gave up after ${plainTimeoutMs / 1000} s: ${seen} of ${plainMessages}`,
  };
}

/** The assistant end to end: message event → durable intake → CheckIn row. */
async function measureAssistant(databaseUrl: string, days: number): Promise<Figure> {
  const world = new MockWorld();
  const { members, room } = populateRoom(world);
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, QUEUE_PREFIX: `bench-${randomUUID().slice(0, 8)}`, TZ: timeZone });
  const db = createDb(databaseUrl);
  const organizationId = await seedOrganization(db, members, room);
  const messageIds = craftCheckIns(world, members, room, days);
  const expected = members.length * days;

  const plugin = EngagementAssistant({ config, migrate: false, log: createLogger('silent') });
  const bot = WechatyBuilder.build({ puppet: world.puppet });
  bot.use(plugin);
  await bot.start();
  world.login();
  const assistant = plugin.assistant!;
  await assistant.ready;

  const started = performance.now();
  for (const messageId of messageIds) world.puppet.emit('message', { messageId });
  let written = 0;
  const complete = await waitUntil(async () => (written = await countCheckIns(db, organizationId)) >= expected, assistantTimeoutMs);
  const seconds = elapsedSeconds(started);
  await assistant.idle();
  const idleSeconds = elapsedSeconds(started);
  const problem = complete ? await findMiscount(db, organizationId, members.length, days) : `timed out: ${written} of ${expected}`;

  await bot.stop();
  await assistant.stop();
  await db.$disconnect();
  await deleteRedisKeys(config);
  return {
    scenario: `assistant, ${days} days (event → CheckIn row)`,
    messages: written,
    seconds,
    note: `${problem ?? 'exact: one per member per day'}; intake idle after ${idleSeconds.toFixed(2)} s`,
  };
}

/** A mock room with the bot and `roomSize` members. */
function populateRoom(world: MockWorld): { members: ContactMock[]; room: RoomMock } {
  const members = Array.from({ length: roomSize }, (_, i) => world.createContact(`党员${i + 1}`));
  return { members, room: world.createRoom('流动党员群', members) };
}

/** An organisation whose members are bound to the room's contacts, the room linked to it. Empties the database first. */
async function seedOrganization(db: Db, contacts: ContactMock[], room: RoomMock): Promise<number> {
  await db.$executeRaw`TRUNCATE "CheckIn", "InboundMessage", "WechatContact", "ChatGroup", "Member", "Organization" RESTART IDENTITY`;
  const organization = await db.organization.create({ data: { name: '基准支部', path: '基准区/基准支部' } });
  await db.member.createMany({
    data: contacts.map((_, i) => ({ name: `党员${i + 1}`, phone: `139${String(i).padStart(8, '0')}`, organizationId: organization.id })),
  });
  const members = await db.member.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const now = new Date();
  await db.wechatContact.createMany({ data: contacts.map((contact, i) => ({ id: contact.id, memberId: members[i]!.id, boundAt: now })) });
  await db.chatGroup.create({ data: { id: room.id, organizationId: organization.id, linkedAt: now } });
  return organization.id;
}

/**
 * A member checks in once per local day, so more than `roomSize` check-ins need more than one
 * day. The payloads are stamped 10:00 on each of the next `days` days (future days, so they are
 * after the assistant started and no earlier run's check-in counts). Created before the clock
 * starts, as a real puppet would have them; returns the message ids to emit.
 */
function craftCheckIns(world: MockWorld, members: ContactMock[], room: RoomMock, days: number): string[] {
  const run = randomUUID().slice(0, 8);
  const today = localDay(new Date(), timeZone);
  const ids: string[] = [];
  for (let d = 1; d <= days; d++) {
    const timestamp = Date.parse(`${addDays(today, d)}T10:00:00+08:00`);
    for (const member of members) {
      const id = `bench-${run}-${d}-${member.id}`;
      world.mocker.MessageMock.create({
        id,
        talkerId: member.id,
        roomId: room.id,
        text: '签到',
        timestamp,
        type: PUPPET.types.Message.Text,
        mentionIdList: [],
      });
      ids.push(id);
    }
  }
  return ids;
}

async function countCheckIns(db: Db, organizationId: number): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "CheckIn" c JOIN "Member" m ON m.id = c."memberId"
    WHERE m."organizationId" = ${organizationId}`;
  return row?.count ?? 0;
}

/** Null when every member has exactly one check-in on each day; otherwise what is wrong. */
async function findMiscount(db: Db, organizationId: number, members: number, days: number): Promise<string | null> {
  const [row] = await db.$queryRaw<{ members: number; fewest: number; most: number; days: number }[]>`
    SELECT count(*)::int AS members, min(n)::int AS fewest, max(n)::int AS most,
           (SELECT count(DISTINCT day)::int FROM "CheckIn") AS days
    FROM (SELECT count(c.id) AS n FROM "Member" m LEFT JOIN "CheckIn" c ON c."memberId" = m.id
          WHERE m."organizationId" = ${organizationId} GROUP BY m.id) per_member`;
  if (row && row.members === members && row.fewest === days && row.most === days && row.days === days) return null;
  return `WRONG COUNT: ${JSON.stringify(row)}, expected ${members} members × ${days} days`;
}

/** Removes this run's BullMQ keys (delayed group summaries and kept jobs would otherwise stay). */
async function deleteRedisKeys(config: Config): Promise<void> {
  const redis = createRedis(config.REDIS_URL);
  for await (const keys of redis.scanStream({ match: `${config.QUEUE_PREFIX}:*`, count: 1000 })) {
    if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
  }
  await redis.quit();
}

/** Polls every 20 ms; false if `timeoutMs` passed first. */
async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

function elapsedSeconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function printTable(figures: Figure[]): void {
  const rows = [
    ['scenario', 'messages', 'seconds', 'messages/s'],
    ...figures.map((f) => [f.scenario, f.messages.toLocaleString('en'), f.seconds.toFixed(2), Math.round(f.messages / f.seconds).toLocaleString('en')]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   '));
  console.log('');
  for (const f of figures) console.log(`${f.scenario}: ${f.note}`);
}

await main();
