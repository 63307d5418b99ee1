import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { IntakeQueue } from '../src/intake/intake-queue.ts';
import { createRedis } from '../src/queues/redis.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';
import { waitFor } from './support/wait-for.ts';
import { startWebhook } from './support/webhook.ts';

describe('poison isolation in intake (issue 17, item 9)', () => {
  let h: Harness;
  let webhook: Awaited<ReturnType<typeof startWebhook>>;
  afterEach(async () => {
    await h.stop();
    await webhook.close();
  });

  it('a batch that keeps failing is taken apart: the poison message is set aside with its error, the operator alerted once, the rest land', async () => {
    webhook = await startWebhook();
    h = await startHarness({ ALERT_WEBHOOK_URL: webhook.url });
    const { members } = await seedBranchWithPeople(h, 2, { linkedGroup: false });
    const redis = createRedis(h.config.REDIS_URL);
    const intake = new IntakeQueue({ connection: redis, prefix: h.config.QUEUE_PREFIX, account: h.config.BOT_NAME });
    const poisonId = randomUUID();
    intake.push({ id: randomUUID(), contactId: members[0]!.contact.id, text: '签到', sentAt: Date.now() });
    // A stamp no date can hold: recording the batch throws, every time, with the database up.
    intake.push({ id: poisonId, contactId: members[1]!.contact.id, text: '签到', sentAt: 1e20 });
    intake.push({ id: randomUUID(), contactId: members[1]!.contact.id, text: '我的', sentAt: Date.now() });
    await intake.close();
    await redis.quit();

    await waitFor(async () => (await h.db.intakeDeadLetter.count({ where: { messageId: poisonId } })) === 1, 30_000);
    expect(await h.db.intakeDeadLetter.findUnique({ where: { messageId: poisonId }, select: { error: true } })).toEqual({
      error: expect.stringContaining('RangeError'),
    });
    expect(await h.db.checkIn.count({ where: { memberId: members[0]!.row.id } })).toBe(1);
    await h.waitForSent((m) => m.conversationId === members[1]!.contact.id);
    await h.settle();
    await h.plugin.assistant!.alerts.flush();
    expect(webhook.bodies.filter((body) => body.event === 'intake-dead-letter')).toHaveLength(1);
    expect(JSON.stringify(webhook.bodies)).not.toContain(members[1]!.row.name);
  }, 60_000);
});
