import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageTextRetention } from '../jobs/message-text-retention.ts';
import { IntakeQueue, type IntakeBatch } from '../src/intake/intake-queue.ts';
import { createRedis } from '../src/queues/redis.ts';
import { intakeQueueName } from '../src/queues/queue-names.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

const day = 24 * 3600_000;

describe('what the bot keeps of message text', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ MESSAGE_TEXT_RETENTION_DAYS: '30' });
  });
  afterEach(async () => {
    await h.stop();
  });

  /** Every intake job in Redis under the prefix, whatever its state. */
  async function intakeJobs(prefix: string): Promise<IntakeBatch[]> {
    const redis = createRedis(h.config.REDIS_URL);
    const queue = new Queue<IntakeBatch>(intakeQueueName(h.config.BOT_NAME), { connection: redis, prefix });
    try {
      const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
      return jobs.map((job) => job.data);
    } finally {
      await queue.close();
      await redis.quit();
    }
  }

  it('queues group chatter as who and when only: its text never reaches Redis', async () => {
    const prefix = `${h.config.QUEUE_PREFIX}-chatter`;
    const redis = createRedis(h.config.REDIS_URL);
    const intake = new IntakeQueue({ connection: redis, prefix, account: h.config.BOT_NAME, botName: () => '党建助手' });
    const base = { contactId: 'someone', sentAt: Date.now() };
    intake.push({ ...base, id: 'chatter', roomId: 'room', text: '大家好，我的电话是13800001234' });
    intake.push({ ...base, id: 'near-miss', roomId: 'room', text: '签到了' });
    intake.push({ ...base, id: 'command', roomId: 'room', text: '@党建助手\u2005签到！' });
    intake.push({ ...base, id: 'direct', text: '你好' });
    await intake.close();
    await redis.quit();

    const messages = (await intakeJobs(prefix)).flatMap((batch) => batch.messages);
    const texts = Object.fromEntries(messages.map((message) => [message.id, message.text]));
    expect(texts).toEqual({ chatter: undefined, 'near-miss': undefined, command: '@党建助手\u2005签到！', direct: '你好' });
    expect(messages.find((message) => message.id === 'chatter')).toMatchObject({ contactId: 'someone', roomId: 'room', sentAt: base.sentAt });
  });

  it('keeps no handled intake job in Redis, so a 绑定 text with its phone ending is not left there', async () => {
    const stranger = h.world.createContact('路人');
    await h.ask(stranger, '绑定 路人 1234');
    await h.settle();

    expect(JSON.stringify(await intakeJobs(h.config.QUEUE_PREFIX))).not.toContain('1234');
  });

  it('never stores the text of 绑定, and cuts stored command text at 2,000 characters', async () => {
    const { secretary, members } = await seedBranchWithPeople(h, 1);
    const stranger = h.world.createContact('路人');
    stranger.say('绑定 路人 1234').to(h.world.self);
    const long = `建议 ${'多'.repeat(5000)}`;
    await h.ask(members[0]!.contact, long);
    await h.ask(secretary, `通知 ${'长'.repeat(5000)}`);
    await h.settle();

    const rows = await h.db.inboundMessage.findMany({
      where: { contactId: { in: [stranger.id, members[0]!.contact.id, secretary.id] } },
      select: { contactId: true, command: true, text: true },
    });
    expect(rows.find((row) => row.contactId === stranger.id)).toEqual({ contactId: stranger.id, command: 'bind', text: null });
    expect(rows.find((row) => row.command === 'suggest')?.text).toBe(long.slice(0, 2000));
    expect(rows.find((row) => row.command === 'notice')?.text).toHaveLength(2000);
  });

  it('refuses 活动 and 通知 longer than 通知 allows, and creates nothing', async () => {
    const { secretary, branch } = await seedBranchWithPeople(h, 1);

    expect(await h.ask(secretary, `通知 ${'长'.repeat(1001)}`)).toContain('内容太长（最多 1000 字）');
    expect(await h.ask(secretary, `活动 主题党日 明天下午3点 社区 ${'长'.repeat(1001)}`)).toContain('内容太长（最多 1000 字）');
    expect(await h.ask(secretary, `通知 ${'长'.repeat(1000)}`)).toContain('请确认通知');

    expect(await h.db.activity.count({ where: { organizationId: branch.organizationId } })).toBe(0);
    const broadcasts = await h.db.broadcast.findMany({ where: { organizationId: branch.organizationId }, select: { text: true } });
    expect(broadcasts.map((b) => b.text.length)).toEqual([`【通知】`.length + 1000]);
  });

  it('forgets command text older than MESSAGE_TEXT_RETENTION_DAYS, keeping who, when and which command', async () => {
    const now = new Date();
    const message = (id: string, daysAgo: number) => ({
      id: `${id}-${randomUUID()}`,
      contactId: 'someone',
      command: 'suggest',
      text: `建议 ${id}`,
      sentAt: new Date(now.getTime() - daysAgo * day),
      processedAt: new Date(now.getTime() - daysAgo * day),
    });
    const old = message('old', 31);
    const recent = message('recent', 29);
    await h.db.inboundMessage.createMany({ data: [old, recent] });

    const result = await messageTextRetention.run(h.plugin.assistant!.jobContext, now);

    expect(result).toMatchObject({ forgotten: expect.any(Number) });
    const rows = await h.db.inboundMessage.findMany({ where: { id: { in: [old.id, recent.id] } }, select: { id: true, command: true, text: true, sentAt: true } });
    expect(rows.find((row) => row.id === old.id)).toEqual({ id: old.id, command: 'suggest', text: null, sentAt: old.sentAt });
    expect(rows.find((row) => row.id === recent.id)?.text).toBe('建议 recent');
  });
});
