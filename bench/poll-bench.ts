/**
 * `npx tsx bench/poll-bench.ts`: a 投票 sent to 10,000 members in 20 branches, every member answering
 * through recordPollAnswer (the domain write a bare-number answer makes; 16 at a time, as intake workers
 * would), then 结果's query (getPollResults) timed on it: median of 9 runs. Target: all 10,000 counted
 * within a minute, 结果 under 200 ms. Named and anonymous. Own database: engagement_bench_poll (emptied).
 */
import { loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { applyMigrations, withDatabaseName } from '../src/db/migrate.ts';
import { findPollToAnswer } from '../src/domain/polls/find-poll-to-answer.ts';
import { getPollResults } from '../src/domain/polls/get-poll-results.ts';
import { recordPollAnswer } from '../src/domain/polls/record-poll-answer.ts';
import { newVoterSecret } from '../src/domain/polls/voter-key.ts';

const members = 10_000;
const branches = 20;

const config = loadConfig();
const databaseUrl = withDatabaseName(config.DATABASE_URL, 'engagement_bench_poll');
await applyMigrations({ databaseUrl, createDatabase: true });
const db = createDb(databaseUrl);
try {
  await db.$executeRawUnsafe('TRUNCATE "Organization", "Member", "Poll", "PollAnswer", "Broadcast", "Delivery" RESTART IDENTITY CASCADE');
  await db.$executeRaw`INSERT INTO "Organization" (name, path) VALUES ('区', '区')`;
  await db.$executeRaw`INSERT INTO "Organization" (name, path, "parentId") SELECT '支部' || i, '区/支部' || i, 1 FROM generate_series(1, ${branches}) i`;
  await db.$executeRaw`INSERT INTO "Member" (name, phone, "organizationId", role, "updatedAt")
    SELECT '党员' || i, (13000000000 + i)::text, 2 + i % ${branches}, CASE WHEN i = 1 THEN 'SECRETARY'::"Role" ELSE 'MEMBER'::"Role" END, now()
    FROM generate_series(1, ${members}) i`;
  for (const anonymous of [false, true]) await run(db, anonymous);
} finally {
  await db.$disconnect();
}

async function run(db: Db, anonymous: boolean): Promise<void> {
  const poll = await db.poll.create({
    data: { organizationId: 1, title: '时间', options: ['周六', '周日', '都行'], anonymous, multiple: false, closesAt: new Date(Date.now() + 86_400_000), status: 'OPEN', voterSecret: newVoterSecret(), createdById: 1 },
  });
  const broadcast = await db.broadcast.create({ data: { kind: 'POLL', status: 'CONFIRMED', organizationId: 1, pollId: poll.id, text: 't' } });
  await db.$executeRaw`INSERT INTO "Delivery" ("broadcastId", "memberId", status) SELECT ${broadcast.id}, id, 'SENT' FROM "Member"`;
  const memberRows = await db.member.findMany({ select: { id: true, organizationId: true } });
  const started = performance.now();
  let next = 0;
  const now = new Date();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < memberRows.length) {
        const member = memberRows[next++]!;
        const found = await findPollToAnswer(db, { memberId: member.id, now });
        await recordPollAnswer(db, { poll: found!, member, choices: [1 + (member.id % 3)], now });
      }
    }),
  );
  const answerSeconds = (performance.now() - started) / 1000;
  const counted = await db.pollAnswer.count({ where: { pollId: poll.id } });
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    await getPollResults(db, { pollId: poll.id, nameLimit: 30 });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${anonymous ? 'anonymous' : 'named'}: ${counted}/${members} answers counted in ${answerSeconds.toFixed(1)} s ` +
      `(${Math.round(members / answerSeconds)}/s, find + record per answer); 结果 median ${times[4]!.toFixed(1)} ms, max ${times[8]!.toFixed(1)} ms`,
  );
}
