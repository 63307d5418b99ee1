/**
 * `npm run bench:relink`: 10,000 bound members come back under new ids after a re-login (as on
 * web-protocol puppets). Measures the time from the login until every one is re-linked from the
 * account's contact list (goal: under 10 s): reading the contacts and rooms from the puppet
 * (wechaty-puppet-mock here; a real puppet answers its cached payloads the same way) and moving
 * the records in PostgreSQL. Re-linking adds no work per inbound message: it runs at login and
 * every 30 minutes, never on the message path.
 * Own database: engagement_bench_relink, emptied per run.
 */
import os from 'node:os';
import { loadConfig } from '../src/config.ts';
import { createDb } from '../src/db/client.ts';
import { applyMigrations, withDatabaseName } from '../src/db/migrate.ts';
import { MockWorld } from '../src/simulator/mock-world.ts';
import { surveyContacts } from '../src/wechaty/survey-contacts.ts';

const members = Number(process.argv[2] ?? 10_000);
const groups = 50;
const goalMs = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const databaseUrl = withDatabaseName(config.DATABASE_URL, 'engagement_bench_relink');
  await applyMigrations({ databaseUrl, createDatabase: true });
  const db = createDb(databaseUrl);
  const world = new MockWorld();
  try {
    await db.$executeRawUnsafe('TRUNCATE "Organization", "Member", "WechatContact", "ChatGroup", "CheckIn" CASCADE');
    await db.$executeRaw`INSERT INTO "Organization" (name, path) VALUES ('基准区', '基准区')`;
    await db.$executeRaw`
      INSERT INTO "Member" (name, phone, "organizationId", "updatedAt")
      SELECT '党员' || n, (13000000000 + n)::text, (SELECT id FROM "Organization" LIMIT 1), now() FROM generate_series(1, ${members}) n`;
    await db.$executeRaw`
      INSERT INTO "WechatContact" (id, "memberId", "boundAt", alias, "aliasSetAt")
      SELECT 'old-' || m.id, m.id, now(), m.name || '#' || m.id, now() FROM "Member" m`;
    await db.$executeRaw`
      INSERT INTO "ChatGroup" (id, "organizationId", "linkedAt", topic)
      SELECT 'old-room-' || n || '@chatroom', (SELECT id FROM "Organization" LIMIT 1), now(), '流动党员群' || n FROM generate_series(1, ${groups}) n`;
    await db.$executeRawUnsafe('VACUUM ANALYZE "WechatContact"');

    // The account after the new login: the same people and rooms, every id new, remarks kept.
    const rows = await db.wechatContact.findMany({ select: { alias: true, member: { select: { name: true } } } });
    const contacts = rows.map((row) => world.mocker.createContact({ name: row.member!.name, alias: row.alias! }));
    for (let n = 1; n <= groups; n += 1) {
      world.createRoom(`流动党员群${n}`, contacts.slice((n - 1) * 100, n * 100));
    }
    await world.puppet.start();
    world.login();

    console.log(`Re-link benchmark: Node ${process.version}, ${os.cpus().length} CPUs; ${members.toLocaleString('en')} bound members, ${groups} linked groups\n`);
    const started = performance.now();
    const result = await surveyContacts(world.puppet, db, 'bench');
    const elapsedMs = performance.now() - started;
    const stillOld = await db.wechatContact.count({ where: { id: { startsWith: 'old-' } } });
    const groupsLeft = await db.chatGroup.count({ where: { id: { startsWith: 'old-room-' } } });
    console.log(`   login → all re-linked: ${(elapsedMs / 1000).toFixed(2)} s (goal under ${goalMs / 1000} s)`);
    console.log(`   members re-linked: ${result.contacts.toLocaleString('en')}, groups: ${result.groups}, ambiguous: ${result.ambiguous.length}`);
    console.log(`   records left on old ids: ${stillOld} contacts, ${groupsLeft} groups`);
    console.log(`   extra cost per inbound message: none (re-linking runs at login and every 30 minutes, not per message)`);
    if (stillOld > 0 || groupsLeft > 0 || elapsedMs > goalMs) process.exitCode = 1;
  } finally {
    await world.puppet.stop().catch(() => undefined);
    await db.$disconnect();
  }
}

await main();
