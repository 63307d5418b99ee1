/**
 * `npm run bench`: room messages per second in a 500-member group chat on wechaty-puppet-mock,
 * plain Wechaty and the assistant side by side, in one run.
 *
 * - plain Wechaty: a `bot.on('message')` handler that only counts. Wechaty readies every
 *   Message (its room, its talker) before it emits it.
 * - the assistant: the real plugin on the same Wechaty stack, timed from the first message
 *   event until every check-in is a row in PostgreSQL (event → Redis intake → CheckIn).
 *
 * Each runs with the room not loaded yet (the bot just started) and loaded. Wechaty loads a
 * room and all its members on the room's first message, but every message that arrives while
 * that load is still running starts a load of its own: a burst into a room that is not loaded
 * yet costs burst × members. The assistant lives in the same Wechaty, so it pays that too.
 *
 * Uses its own database (engagement_bench on the server of DATABASE_URL), emptied before each
 * assistant run, and a fresh Redis key prefix per run, deleted afterwards.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { WechatyBuilder } from 'wechaty';
import type { WechatyInterface } from 'wechaty/impls';
import * as PUPPET from 'wechaty-puppet';
import { loadConfig, type Config } from '../src/config.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { applyMigrations, withDatabaseName } from '../src/db/migrate.ts';
import { addDays, localDay } from '../src/domain/shared/local-day.ts';
import { createLogger } from '../src/log.ts';
import { EngagementAssistant, type EngagementAssistantPlugin } from '../src/plugin.ts';
import { createRedis } from '../src/queues/redis.ts';
import { MockWorld, type ContactMock, type RoomMock } from '../src/simulator/mock-world.ts';

const roomSize = 500;
const timeoutMs = 60_000;
const timeZone = 'Asia/Shanghai';

interface Figure {
  scenario: string;
  /** Messages the handler saw (plain Wechaty) or check-ins written (assistant) when the clock stopped. */
  messages: number;
  seconds: number;
  note: string;
}

async function main(): Promise<void> {
  const databaseUrl = withDatabaseName(loadConfig().DATABASE_URL, 'engagement_bench');
  await applyMigrations({ databaseUrl, createDatabase: true });
  console.log(`Intake benchmark: Node ${process.version}, ${os.cpus().length} CPUs, one ${roomSize}-member room\n`);

  const figures: Figure[] = [];
  const run = async (measure: () => Promise<Figure>) => {
    const figure = await measure();
    console.log(`  done: ${figure.scenario}`);
    figures.push(figure);
  };
  await run(() => measurePlainWechaty(1_000, false));
  await run(() => measurePlainWechaty(5_000, true));
  await run(() => measureAssistant(databaseUrl, 2, false));
  await run(() => measureAssistant(databaseUrl, 10, true));
  await run(() => measureAssistant(databaseUrl, 40, true));
  printTable(figures);
}

/** Wechaty's own path: how fast does a handler that does nothing see room messages? */
async function measurePlainWechaty(messages: number, roomLoaded: boolean): Promise<Figure> {
  const world = new MockWorld();
  const { members, room } = populateRoom(world);
  const bot = await startBot(world, room, roomLoaded);
  let seen = 0;
  let lastSeenAt = 0;
  bot.on('message', async () => {
    seen += 1;
    lastSeenAt = performance.now();
  });

  const started = performance.now();
  for (let i = 0; i < messages; i++) members[Math.floor(Math.random() * members.length)]!.say('签到').to(room);
  const complete = await waitUntil(() => seen >= messages);
  const seconds = ((complete ? lastSeenAt : performance.now()) - started) / 1000;
  await bot.stop();
  return {
    scenario: `plain Wechaty, ${roomState(roomLoaded)}`,
    messages: seen,
    seconds,
    note: complete ? 'the handler saw every message' : `gave up after ${timeoutMs / 1000} s: ${seen} of ${messages} seen`,
  };
}

/** The assistant end to end: message event → durable intake → CheckIn row, for every member on `days` days. */
async function measureAssistant(databaseUrl: string, days: number, roomLoaded: boolean): Promise<Figure> {
  const world = new MockWorld();
  const { members, room } = populateRoom(world);
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, QUEUE_PREFIX: `bench-${randomUUID().slice(0, 8)}`, APP_TIME_ZONE: timeZone });
  const db = createDb(databaseUrl);
  const organizationId = await seedOrganization(db, members, room);
  const messageIds = craftCheckIns(world, members, room, days);
  const expected = members.length * days;
  const plugin = EngagementAssistant({ config, migrate: false, log: createLogger('silent') });
  const bot = await startBot(world, room, roomLoaded, plugin);
  const assistant = plugin.assistant!;
  await assistant.ready;

  const started = performance.now();
  for (const messageId of messageIds) world.puppet.emit('message', { messageId });
  let written = 0;
  const complete = await waitUntil(async () => (written = await countCheckIns(db, organizationId)) >= expected);
  const seconds = (performance.now() - started) / 1000;
  let note = `gave up after ${timeoutMs / 1000} s: ${written} of ${expected} check-ins written`;
  if (complete) {
    // Checked once intake is idle, so a late duplicate would show too.
    await assistant.idle();
    const idleSeconds = (performance.now() - started) / 1000;
    const miscount = await findMiscount(db, organizationId, members.length, days);
    note = `${miscount ?? 'exactly one per member per day'}; intake idle after ${idleSeconds.toFixed(2)} s`;
  }

  await bot.stop();
  await assistant.stop();
  await db.$disconnect();
  await deleteRedisKeys(config);
  return { scenario: `assistant, ${roomState(roomLoaded)}, ${members.length} × ${days} days`, messages: written, seconds, note };
}

function roomState(roomLoaded: boolean): string {
  return roomLoaded ? 'room loaded' : 'room not loaded yet';
}

/** A mock room with the bot and `roomSize` members. */
function populateRoom(world: MockWorld): { members: ContactMock[]; room: RoomMock } {
  const members = Array.from({ length: roomSize }, (_, i) => world.createContact(`党员${i + 1}`));
  return { members, room: world.createRoom('流动党员群', members) };
}

/** A logged-in bot; `roomLoaded` has Wechaty load the room first, as the room's first message would. */
async function startBot(world: MockWorld, room: RoomMock, roomLoaded: boolean, plugin?: EngagementAssistantPlugin): Promise<WechatyInterface> {
  const bot = WechatyBuilder.build({ puppet: world.puppet });
  if (plugin) bot.use(plugin);
  await bot.start();
  world.login();
  if (roomLoaded) await bot.Room.find({ id: room.id });
  return bot;
}

/** Empties the database, then adds an organisation whose members are bound to the contacts, with the room linked to it. */
async function seedOrganization(db: Db, contacts: ContactMock[], room: RoomMock): Promise<number> {
  await db.$executeRaw`TRUNCATE "CheckIn", "InboundMessage", "WechatContact", "ChatGroup", "Member", "Organization" RESTART IDENTITY CASCADE`;
  const organization = await db.organization.create({ data: { name: '基准支部', path: '基准区/基准支部' } });
  const phone = (i: number) => `139${String(i).padStart(8, '0')}`;
  await db.member.createMany({
    data: contacts.map((_, i) => ({ name: `党员${i + 1}`, phone: phone(i), organizationId: organization.id })),
  });
  const memberIds = new Map((await db.member.findMany({ select: { id: true, phone: true } })).map((row) => [row.phone, row.id]));
  const now = new Date();
  await db.wechatContact.createMany({
    data: contacts.map((contact, i) => ({ id: contact.id, memberId: memberIds.get(phone(i))!, boundAt: now })),
  });
  await db.chatGroup.create({ data: { id: room.id, organizationId: organization.id, linkedAt: now } });
  return organization.id;
}

/**
 * A member checks in once per local day, so more than one check-in per member needs more
 * days: each member's message is crafted for 10:00 on each of the next `days` days. Future
 * days, because the assistant ignores messages stamped before it started. The payloads are
 * made before the clock starts, as a real puppet has them; returns the ids to emit.
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

/** Null when every member has exactly one check-in on each of the days; otherwise what is wrong. */
async function findMiscount(db: Db, organizationId: number, members: number, days: number): Promise<string | null> {
  const [row] = await db.$queryRaw<{ members: number; fewest: number; most: number; days: number }[]>`
    SELECT count(*)::int AS members, min(n)::int AS fewest, max(n)::int AS most,
           (SELECT count(DISTINCT day)::int FROM "CheckIn") AS days
    FROM (SELECT count(c.id) AS n FROM "Member" m LEFT JOIN "CheckIn" c ON c."memberId" = m.id
          WHERE m."organizationId" = ${organizationId} GROUP BY m.id) AS per_member`;
  if (row && row.members === members && row.fewest === days && row.most === days && row.days === days) return null;
  return `WRONG: ${JSON.stringify(row)}, expected ${members} members × ${days} days, one each`;
}

/** Removes this run's BullMQ keys: kept jobs and the pending group summary would otherwise stay. */
async function deleteRedisKeys(config: Config): Promise<void> {
  const redis = createRedis(config.REDIS_URL);
  for await (const keys of redis.scanStream({ match: `${config.QUEUE_PREFIX}:*`, count: 1000 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.unlink(...keys);
  }
  await redis.quit();
}

/** Polls every 20 ms; false if `timeoutMs` passed first. */
async function waitUntil(done: () => boolean | Promise<boolean>): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

function printTable(figures: Figure[]): void {
  const rows = [
    ['scenario', 'messages', 'seconds', 'messages/s'],
    ...figures.map((f) => [f.scenario, f.messages.toLocaleString('en'), f.seconds.toFixed(2), Math.round(f.messages / f.seconds).toLocaleString('en')]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log('');
  for (const row of rows) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   '));
  }
  console.log('');
  for (const f of figures) console.log(`${f.scenario.padEnd(widths[0]!)}   ${f.note}`);
}

await main();
