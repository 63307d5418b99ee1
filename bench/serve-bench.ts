/**
 * `npm run bench:serve`: issue 12's features on a 100,000-member organisation tree.
 * - the matching job seekers of a 岗位: the preview's count, and the deliveries 确认 writes;
 * - the 两委 talent-pool scores (every part for every willing member of the district);
 * - a team invitation (活动@政策宣传) to 10,000 members: preview → 确认 → deliveries queued in the
 *   outbox (goal: under 2 s, as for any broadcast).
 *
 * The tree: one district, 10 communities, 100 branches of 1,000 members, 90 % with a bound WeChat;
 * every 10th member in the team 政策宣传 (10,000); every 20th a job seeker (5,000, wishes from a pool
 * of 10 trades, a fifth with none); every 25th willing to serve (4,000) with skills; ~35 % check-ins
 * over 30 days, attendance at 12 past activities, study confirmations and adopted suggestions.
 * Own database: engagement_bench_serve (emptied per run); Redis keys bench-serve-*, deleted.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { applyMigrations, withDatabaseName } from '../src/db/migrate.ts';
import { Outbox } from '../src/delivery/outbox.ts';
import { createBroadcastPreview } from '../src/domain/activities/create-broadcast-preview.ts';
import { confirmBroadcastPreview } from '../src/domain/broadcasts/confirm-broadcast-preview.ts';
import { createJobPostPreview } from '../src/domain/jobs/create-job-post-preview.ts';
import type { SenderMember } from '../src/domain/shared/sender.ts';
import { listTalentPool } from '../src/domain/talent/list-talent-pool.ts';
import { createRedis } from '../src/queues/redis.ts';
import { createBenchTree } from './support/organisation-tree.ts';

const members = Number(process.argv[2] ?? 100_000);
const runs = 5;

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const databaseUrl = withDatabaseName(config.DATABASE_URL, 'engagement_bench_serve');
  await applyMigrations({ databaseUrl, createDatabase: true });
  const db = createDb(databaseUrl);
  const redis = createRedis(config.REDIS_URL);
  const base = `bench-serve-${randomUUID().slice(0, 8)}`;
  try {
    console.log(`Serve benchmark: Node ${process.version}, ${os.cpus().length} CPUs (load ${os.loadavg()[0]!.toFixed(1)}), ${members.toLocaleString('en')} members\n`);
    const started = performance.now();
    const admin = await generate(db);
    console.log(`tree generated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

    const preview: number[] = [];
    const confirm: number[] = [];
    let matched = 0;
    let written = 0;
    for (let run = 1; run <= runs; run++) {
      const t0 = performance.now();
      const post = await createJobPostPreview(db, { secretary: admin, text: `货车司机 西宁某物流${run} C1驾照 月薪6000 电话13800000000`, toGroups: false });
      const t1 = performance.now();
      const confirmed = await confirmBroadcastPreview(db, { secretaryId: admin.id, now: new Date() });
      const t2 = performance.now();
      if (confirmed.outcome !== 'confirmed') throw new Error('the job post was not confirmed');
      preview.push(t1 - t0);
      confirm.push(t2 - t1);
      matched = post.matching;
      written = await db.delivery.count({ where: { broadcastId: confirmed.broadcastId } });
    }
    console.log(`岗位: ${matched.toLocaleString('en')} matching seekers, ${written.toLocaleString('en')} deliveries written`);
    console.log(`  preview (match and count)     median ${median(preview)} ms, max ${max(preview)} ms`);
    console.log(`  确认 (select and write rows)  median ${median(confirm)} ms, max ${max(confirm)} ms`);

    const pool: number[] = [];
    const filtered: number[] = [];
    let listed = 0;
    let withSkill = 0;
    for (let run = 1; run <= runs; run++) {
      const t0 = performance.now();
      listed = (await listTalentPool(db, { organizationPath: '基准区', skill: null, now: new Date(), limit: members })).length;
      const t1 = performance.now();
      withSkill = (await listTalentPool(db, { organizationPath: '基准区', skill: '电工', now: new Date(), limit: members })).length;
      pool.push(t1 - t0);
      filtered.push(performance.now() - t1);
    }
    console.log(`\n人才库 scores, whole district: ${listed.toLocaleString('en')} willing members   median ${median(pool)} ms, max ${max(pool)} ms`);
    console.log(`人才库 电工: ${withSkill.toLocaleString('en')} members                    median ${median(filtered)} ms, max ${max(filtered)} ms`);
    console.log(`  (人才库 in chat shows 50: the same query with LIMIT 51)`);

    const queued: number[] = [];
    let deliveries = 0;
    for (let run = 1; run <= runs; run++) {
      const outbox = new Outbox({ connection: redis, prefix: `${base}-${run}`, account: 'bench' });
      const t0 = performance.now();
      await createBroadcastPreview(db, {
        secretary: admin,
        targetTag: '政策宣传',
        timeZone: config.APP_TIME_ZONE,
        request: { kind: 'INVITATION', title: `政策宣讲 ${run}`, startsAt: new Date(Date.now() + 7 * 86_400_000), place: '村委会', description: null },
      });
      const confirmed = await confirmBroadcastPreview(db, { secretaryId: admin.id, now: new Date() });
      if (confirmed.outcome !== 'confirmed') throw new Error('the invitation was not confirmed');
      await outbox.enqueueDeliveries(confirmed.deliveryIds);
      queued.push(performance.now() - t0);
      deliveries = confirmed.deliveryIds.length;
      await outbox.close();
    }
    const goal = 2000;
    console.log(`\n活动@政策宣传 to ${deliveries.toLocaleString('en')} team members, preview → 确认 → queued   median ${median(queued)} ms, max ${max(queued)} ms ${median(queued) < goal ? 'ok' : 'OVER'} (goal < 2 s)`);
  } finally {
    const keys = await redis.keys(`${base}-*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await db.$disconnect();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]!);
}

function max(values: number[]): number {
  return Math.round(Math.max(...values));
}

async function generate(db: Db): Promise<SenderMember> {
  await db.$executeRaw`TRUNCATE "JobInterest", "JobSeeker", "JobPost", "VolunteerTeam", "Suggestion", "Delivery", "Broadcast", "Rsvp", "Attendance", "StudyConfirmation",
    "StudyPack", "Activity", "CheckIn", "WechatContact", "ChatGroup", "Member", "Organization" RESTART IDENTITY CASCADE`;
  const branches = Math.ceil(members / 1000);
  await createBenchTree(db, branches);
  const trades = ['电焊', '货车司机', '种植', '养殖', '厨师', '电工', '保安', '家政', '建筑', '物流'];
  await db.$executeRaw`
    INSERT INTO "Member" (id, name, phone, "organizationId", "createdAt", "updatedAt", tags, skills, "willingToServe")
    SELECT i, '党员' || i, '1' || lpad(i::text, 10, '0'), 12 + (i - 1) % ${branches}::int, now() - interval '400 days', now(),
      CASE WHEN i % 10 = 0 THEN ARRAY['政策宣传'] ELSE ARRAY[]::text[] END,
      CASE WHEN i % 25 = 0 THEN ARRAY[(${trades}::text[])[1 + i % 10], (${trades}::text[])[1 + (i / 10) % 10]] ELSE ARRAY[]::text[] END,
      i % 25 = 0
    FROM generate_series(1, ${members}::int) i`;
  const adminId = members + 1;
  await db.$executeRaw`INSERT INTO "Member" (id, name, phone, "organizationId", role, "createdAt", "updatedAt") VALUES (${adminId}, '区管理员', '19900000000', 1, 'ADMIN', now(), now())`;
  await db.$executeRaw`SELECT setval(pg_get_serial_sequence('"Member"', 'id'), (SELECT max(id) FROM "Member"))`;
  await db.$executeRaw`SELECT setval(pg_get_serial_sequence('"Organization"', 'id'), (SELECT max(id) FROM "Organization"))`;
  await db.$executeRaw`INSERT INTO "VolunteerTeam" ("organizationId", name) VALUES (1, '政策宣传')`;
  await db.$executeRaw`INSERT INTO "WechatContact" (id, "memberId", "boundAt") SELECT 'wx' || i, i, now() FROM generate_series(1, ${members}::int) i WHERE i % 10 <> 1`;
  await db.$executeRaw`
    INSERT INTO "JobSeeker" ("memberId", status, wishes, since)
    SELECT i, 'SEEKING', CASE WHEN i % 100 = 0 THEN ARRAY[]::text[] ELSE ARRAY[(${trades}::text[])[1 + (i / 20) % 10], (${trades}::text[])[1 + (i / 200) % 10]] END, now() - interval '20 days'
    FROM generate_series(1, ${members}::int) i WHERE i % 20 = 0`;
  await db.$executeRaw`
    INSERT INTO "CheckIn" ("memberId", day, at, "messageId")
    SELECT i, (now() AT TIME ZONE 'Asia/Shanghai')::date - d, now() - d * interval '1 day', 'm' || i || '-' || d
    FROM generate_series(1, ${members}::int) i CROSS JOIN generate_series(0, 29) d
    WHERE ((i::bigint * 2654435761 + d * 40503) % 1000) < 350`;
  await db.$executeRaw`
    INSERT INTO "Activity" (id, "organizationId", title, "startsAt", place, status, "createdById", "targetTag", "durationMinutes")
    SELECT a, 1, '服务活动' || a, now() - a * interval '20 days', '村委会', 'OPEN', ${adminId}, '政策宣传', 60 + 30 * (a % 4) FROM generate_series(1, 12) a`;
  await db.$executeRaw`SELECT setval(pg_get_serial_sequence('"Activity"', 'id'), 12)`;
  await db.$executeRaw`
    INSERT INTO "Attendance" ("activityId", "memberId", at)
    SELECT a, i, now() - a * interval '20 days' FROM generate_series(10, ${members}::int, 10) i CROSS JOIN generate_series(1, 12) a WHERE (i / 10 + a) % 3 = 0`;
  await db.$executeRaw`
    INSERT INTO "StudyPack" (id, "organizationId", title, content, status, "createdById", "pushedAt")
    SELECT p, 1, '学习包' || p, 'https://example.cn/pack', 'PUSHED', ${adminId}, now() - p * interval '30 days' FROM generate_series(1, 10) p`;
  await db.$executeRaw`
    INSERT INTO "StudyConfirmation" ("studyPackId", "memberId", at)
    SELECT p, i, now() - p * interval '30 days' FROM generate_series(1, ${members}::int) i CROSS JOIN generate_series(1, 10) p WHERE (i + p) % 10 < 6`;
  await db.$executeRaw`
    INSERT INTO "Suggestion" ("memberId", "organizationId", text, "messageId", "adoptedAt")
    SELECT i, 12 + (i - 1) % ${branches}::int, '建议' || i, 's' || i, CASE WHEN i % 150 = 0 THEN now() - interval '30 days' END
    FROM generate_series(1, ${members}::int, 50) i`;
  await db.$executeRawUnsafe('VACUUM ANALYZE');
  return { id: adminId, name: '区管理员', role: 'ADMIN', organizationId: 1, organizationPath: '基准区', tags: [] };
}

await main();
