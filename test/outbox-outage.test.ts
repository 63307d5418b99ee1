import { Queue, Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityReminders } from '../jobs/activity-reminders.ts';
import { resumePendingWork } from '../jobs/resume-pending-work.ts';
import { applyMigrations, withDatabaseName } from '../src/db/migrate.ts';
import { Outbox } from '../src/delivery/outbox.ts';
import { confirmBroadcastPreview } from '../src/domain/broadcasts/confirm-broadcast-preview.ts';
import { createBroadcastPreview } from '../src/domain/activities/create-broadcast-preview.ts';
import { createLogger } from '../src/log.ts';
import { outboxQueueName } from '../src/queues/queue-names.ts';
import { createRedis } from '../src/queues/redis.ts';
import type { ContactMock } from '../src/simulator/mock-world.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';
import { startSparePostgres, type SpareServer } from './support/spare-servers.ts';

let h: Harness | undefined;
let spare: SpareServer | undefined;
afterEach(async () => {
  await h?.stop();
  await spare?.remove();
  h = undefined;
  spare = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many times each of these people received `text`. */
function receivedCounts(harness: Harness, people: ContactMock[], text: string): number[] {
  return people.map((person) => harness.received(person.id).filter((message) => message.text === text).length);
}

describe('deliveries across a PostgreSQL outage', () => {
  it('a broadcast interrupted by an outage longer than its send retries goes on when the database is back', async () => {
    spare = await startSparePostgres();
    const databaseUrl = withDatabaseName(spare.url, 'engagement');
    await applyMigrations({ databaseUrl, createDatabase: true });
    // Retries 0.1 + 0.2 + 0.4 + 0.8 s: a 3 s outage outlasts all 5 tries, as 110 s does with the default 5 s.
    h = await startHarness({ DATABASE_URL: databaseUrl, SEND_INTERVAL_SECONDS: '0.05', SEND_RETRY_SECONDS: '0.1' });
    const { secretary, members } = await seedBranchWithPeople(h, 20, { linkedGroup: false });
    // The secretary is not in their own organisation's audience.
    const recipients = members.map((m) => m.contact);
    const text = '【通知】停库期间的通知';
    await h.ask(secretary, '通知 停库期间的通知');
    await h.ask(secretary, '确认');
    while (receivedCounts(h, recipients, text).filter((count) => count > 0).length < 3) await sleep(10);

    await spare.stop();
    await sleep(3_000);
    const sentDuringOutage = receivedCounts(h, recipients, text).filter((count) => count > 0).length;
    expect(sentDuringOutage).toBeLessThan(recipients.length);
    await spare.restart();

    for (let waited = 0; waited < 12_000 && receivedCounts(h, recipients, text).some((count) => count === 0); waited += 100) await sleep(100);
    expect(receivedCounts(h, recipients, text)).toEqual(recipients.map(() => 1));
    const statuses = await h.db.delivery.groupBy({ by: ['status'], _count: true });
    expect(statuses).toEqual([{ status: 'SENT', _count: recipients.length }]);
  });

  it('a resume queues again a delivery whose job failed for good, and reports what it did', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 3, { linkedGroup: false });
    // The secretary is not in their own organisation's audience.
    const recipients = members.map((m) => m.contact);
    const secretaryMember = (
      await h.db.wechatContact.findUniqueOrThrow({ where: { id: secretary.id }, include: { member: { include: { organization: true } } } })
    ).member!;
    const { config, db } = h;
    await h.stop();
    h = undefined;

    // The state an outage used to leave: deliveries QUEUED, their jobs in the failed set, attempts used up.
    await createBroadcastPreview(db, {
      secretary: { ...secretaryMember, organizationPath: secretaryMember.organization.path },
      targetTag: null,
      timeZone: config.APP_TIME_ZONE,
      request: { kind: 'NOTICE', content: '发送失败后恢复' },
    });
    const confirmed = await confirmBroadcastPreview(db, { secretaryId: secretaryMember.id, now: new Date() });
    if (confirmed.outcome !== 'confirmed') throw new Error(confirmed.outcome);
    const redis = createRedis(config.REDIS_URL);
    const queueName = outboxQueueName(config.BOT_NAME);
    const queue = new Queue(queueName, { connection: redis, prefix: config.QUEUE_PREFIX });
    await queue.addBulk(
      confirmed.deliveryIds.map((deliveryId) => ({
        name: 'delivery',
        data: { kind: 'delivery', deliveryId },
        opts: { jobId: `delivery-${deliveryId}`, attempts: 1 },
      })),
    );
    const failing = new Worker(
      queueName,
      async () => {
        throw new Error('database unreachable');
      },
      { connection: { url: config.REDIS_URL, maxRetriesPerRequest: null }, prefix: config.QUEUE_PREFIX },
    );
    while ((await queue.getFailedCount()) < confirmed.deliveryIds.length) await sleep(20);
    await failing.close();

    const outbox = new Outbox({ connection: redis, prefix: config.QUEUE_PREFIX, account: config.BOT_NAME });
    const reminders = new ActivityReminders({ connection: redis, prefix: config.QUEUE_PREFIX, times: { reminderMinutes: [], followUpMinutes: 60 }, now: () => new Date() });
    const context = { db, outbox, reminders, config, log: createLogger('silent') };
    const first = await resumePendingWork.run(context, new Date());
    const second = await resumePendingWork.run(context, new Date());
    expect(first).toMatchObject({ deliveries: { requeued: recipients.length, alreadyQueued: 0 } });
    expect(second).toMatchObject({ deliveries: { requeued: 0, alreadyQueued: recipients.length } });
    expect(await queue.getFailedCount()).toBe(0);
    await Promise.all([outbox.close(), reminders.close(), queue.close()]);
    await redis.quit();

    h = await startHarness(
      { QUEUE_PREFIX: config.QUEUE_PREFIX, DATABASE_URL: config.DATABASE_URL },
      { beforeStart: (world) => recipients.forEach((person) => world.createContact(person.payload.name, person.id)) },
    );
    await h.settle();
    expect(receivedCounts(h, recipients, '【通知】发送失败后恢复')).toEqual(recipients.map(() => 1));
  });
});

describe('activity reminders after an outage', () => {
  it('a resume queues again a reminder whose job failed for good, while it is still due', async () => {
    const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const prefix = `test-reminders-${Date.now()}`;
    const reminders = new ActivityReminders({ connection: redis, prefix, times: { reminderMinutes: [60], followUpMinutes: 1440 }, now: () => new Date() });
    const activity = { id: 424242, startsAt: new Date(Date.now() + 3 * 24 * 3600_000) };
    // The reminder's job ran while the database was unreachable and used up its attempts.
    const queue = new Queue('activity-reminders', { connection: redis, prefix });
    await queue.add('REMINDER', { activityId: activity.id, kind: 'REMINDER', minutesBefore: 60 }, { jobId: `reminder-${activity.id}-60`, attempts: 1 });
    const failing = new Worker(
      'activity-reminders',
      async () => {
        throw new Error('database unreachable');
      },
      { connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', maxRetriesPerRequest: null }, prefix },
    );
    while ((await queue.getFailedCount()) < 1) await sleep(20);
    await failing.close();

    await reminders.schedule(activity);

    expect((await reminders.pending(activity.id)).map((reminder) => reminder.kind)).toEqual(['FOLLOW_UP', 'REMINDER']);
    await Promise.all([reminders.close(), queue.close()]);
    await redis.quit();
  });
});
