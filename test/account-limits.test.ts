import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { weeklyDigest } from '../jobs/digest.ts';
import { createActivityReminder } from '../src/domain/activities/create-activity-reminder.ts';
import { mergeWaitingReplies } from '../src/delivery/merge-replies.ts';
import { Outbox, type OutboxJob } from '../src/delivery/outbox.ts';
import { createRedis } from '../src/queues/redis.ts';
import { MockWorld } from '../src/simulator/mock-world.ts';
import { PuppetChatPort } from '../src/wechaty/puppet-chat-port.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';
import { startWebhook } from './support/webhook.ts';

const running: Harness[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.stop()));
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function start(env: Record<string, string>, options: Parameters<typeof startHarness>[1] = {}): Promise<Harness> {
  const h = await startHarness(env, options);
  running.push(h);
  return h;
}

/** The account's outbox queue, to look at what waits and to bring a later day forward. */
function outboxQueue(h: Harness): Queue {
  const connection = createRedis(h.config.REDIS_URL);
  const queue = new Queue(`outbox-${h.config.BOT_NAME}`, { connection, prefix: h.config.QUEUE_PREFIX });
  cleanups.push(async () => {
    await queue.close();
    await connection.quit();
  });
  return queue;
}

/**
 * What the clock's next day (or the end of a warm-up) does to the jobs put off until then: each back to the
 * queue in the order it was put off, by its priority. (Queue.promoteJobs would ignore their priorities.)
 */
async function bringForward(h: Harness): Promise<void> {
  const queue = outboxQueue(h);
  // All at once, as the due time does: paused meanwhile, so that the worker does not start on the first one alone.
  await queue.pause();
  for (const job of await queue.getDelayed()) await job.promote();
  await queue.resume();
}

/** WeChat refusing sends the way it does when it throttles an account (in words, or only its code), while `when` says so. */
function throttleSends(world: MockWorld, when: (text: string) => 'words' | 'code' | false): { attempts: string[] } {
  const attempts: string[] = [];
  const send = world.puppet.messageSendText.bind(world.puppet);
  world.puppet.messageSendText = async (conversationId: string, text: string) => {
    const refusal = when(text);
    if (!refusal) return send(conversationId, text);
    attempts.push(text);
    throw new Error(refusal === 'words' ? 'sendMsg failed: 操作过于频繁，请稍后再试' : 'sendMsg failed: BaseResponse ret=1205');
  };
  return { attempts };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const day = 24 * 3_600_000;

describe("the account's own limits", () => {
  it('recognises WeChat throttling in its words or by its code, and tells it from other failures', async () => {
    const world = new MockWorld();
    const chat = new PuppetChatPort(world.puppet);
    const failures: [string, string][] = [
      ['sendMsg failed: 操作过于频繁，请稍后再试', 'ThrottledSendError'],
      ['BaseResponse ret=1205', 'ThrottledSendError'],
      ['errcode: 1205', 'ThrottledSendError'],
      ['contact wxid_12051205 not exist', 'PermanentSendError'],
      ['socket hang up', 'Error'],
    ];
    for (const [reason, expected] of failures) {
      world.puppet.messageSendText = async () => {
        throw new Error(reason);
      };
      const error = await chat.send({ conversationId: 'wxid_12051205', toGroup: false, text: '你好' }).catch((caught: unknown) => caught);
      expect([reason, (error as Error).name]).toEqual([reason, expected]);
    }
  });

  it('pauses proactive sends for the whole account when WeChat throttles it, tells the operator once, and keeps replying', async () => {
    const webhook = await startWebhook();
    cleanups.push(webhook.close);
    // A pause of 3 s stands for THROTTLE_PAUSE_HOURS.
    const h = await start({ ALERT_WEBHOOK_URL: webhook.url, THROTTLE_PAUSE_HOURS: String(3 / 3600), SEND_RETRY_SECONDS: '0.1' });
    const { secretary, members } = await seedBranchWithPeople(h, 4, { linkedGroup: false });
    let throttling = true;
    let replyThrottled = false;
    const { attempts } = throttleSends(h.world, (text) => {
      if (!throttling) return false;
      if (text === '【通知】限流测试') return 'words';
      // One reply refused too (by code only), during the pause: it is retried, and it is no second alert.
      if (!text.includes('签到成功') || replyThrottled) return false;
      replyThrottled = true;
      return 'code';
    });

    await h.ask(secretary, '通知 限流测试');
    await h.ask(secretary, '确认');
    // The secretary is not in their own organisation's audience.
    const recipients = members.length;
    const deliveries = () => h.db.delivery.findMany({ where: { broadcast: { text: { contains: '限流测试' } } } });
    await waitFor(async () => (await deliveries()).every((d) => d.deferredAt !== null));

    // One attempt, then nothing more is tried: every delivery waits, none is lost or failed.
    expect(attempts.filter((text) => text === '【通知】限流测试')).toHaveLength(1);
    expect((await deliveries()).map((d) => d.status)).toEqual(Array(recipients).fill('QUEUED'));
    // Replies go on (the one refused is sent on its retry).
    expect(await h.ask(members[0]!.contact, '签到')).toContain('签到成功');
    expect(replyThrottled).toBe(true);

    throttling = false;
    for (const { contact: person } of members) {
      await h.waitForSent((m) => m.conversationId === person.id && m.text === '【通知】限流测试', 8_000);
    }
    await h.settle();
    for (const { contact: person } of members) {
      expect(h.received(person.id).filter((m) => m.text === '【通知】限流测试')).toHaveLength(1);
    }
    await h.plugin.assistant!.alerts.flush();
    const alerts = webhook.bodies.filter((body) => body.event === 'throttled');
    expect(alerts).toHaveLength(1);
    expect(String(alerts[0]!.text)).toContain('暂停');
  });

  it('sends at most the account cap a day; the rest goes out the next day, after a restart, each once, and the digest says so', async () => {
    const clock = { now: Date.now() };
    const env = { ACCOUNT_DAILY_CAP: '4', DAILY_MESSAGE_CAP: '5' };
    const first = await start(env, { now: () => new Date(clock.now) });
    // Seven members (the secretary is not in their own organisation's audience): 4 today, 3 tomorrow.
    const { secretary, members } = await seedBranchWithPeople(first, 7, { linkedGroup: false });
    await first.ask(secretary, '通知 每日上限');
    await first.ask(secretary, '确认');
    await first.settle();
    const notices = () => first.db.delivery.findMany({ where: { broadcast: { text: { contains: '每日上限' } } }, orderBy: { id: 'asc' } });
    await waitFor(async () => (await notices()).filter((d) => d.status === 'SENT').length === 4);
    // The rest waits for the next local day, and a member's reply is not capped.
    const waiting = (await notices()).filter((d) => d.status === 'QUEUED');
    expect(waiting).toHaveLength(3);
    expect(waiting.every((d) => d.deferredAt !== null)).toBe(true);
    const held = await outboxQueue(first).getDelayed();
    expect(held).toHaveLength(3);
    for (const job of held) expect(job.delay).toBeLessThanOrEqual(day);
    expect(await first.ask(members[0]!.contact, '签到')).toContain('签到成功');

    // The process stops across the roll-over; another starts the next day on the same data.
    const firstSent = [...first.sent];
    running.splice(running.indexOf(first), 1);
    await first.stop();
    clock.now += day;
    const second = await start(
      { ...env, DATABASE_URL: first.config.DATABASE_URL, QUEUE_PREFIX: first.config.QUEUE_PREFIX },
      {
        now: () => new Date(clock.now),
        beforeStart: (world) => {
          for (const person of [secretary, ...members.map((m) => m.contact)]) world.createContact(person.payload.name, person.id);
        },
      },
    );
    await bringForward(second);
    await waitFor(async () => (await notices()).every((d) => d.status === 'SENT'));
    for (const { contact: person } of members) {
      const got = [...firstSent, ...second.sent].filter((m) => m.conversationId === person.id && m.text === '【通知】每日上限');
      expect(got).toHaveLength(1);
    }

    await weeklyDigest.run(second.plugin.assistant!.jobContext, new Date(clock.now));
    const digest = await second.waitForSent((m) => m.conversationId === secretary.id && m.text.startsWith('📋 每周简报'));
    expect(digest.text).toContain('3 条通知、活动或学习消息因微信账号每日上限、新号预热或限流顺延发送，均已发出');
  });

  it('what the cap put off comes back with 报名 reminders first, then the rest oldest first', async () => {
    const clock = { now: Date.now() };
    const h = await start({ ACCOUNT_DAILY_CAP: '2', DAILY_MESSAGE_CAP: '10' }, { now: () => new Date(clock.now) });
    // Four members (the secretary is not in their own organisation's audience): two a day.
    const { secretary, secretaryRow, members, branch } = await seedBranchWithPeople(h, 4, { linkedGroup: false });
    const outbox = h.plugin.assistant!.jobContext.outbox;
    const sentNotices = () => h.sent.filter((m) => m.text.startsWith('【通知】') || m.text.startsWith('【活动提醒】')).map((m) => m.text);

    await h.ask(secretary, '通知 第一条');
    await h.ask(secretary, '确认');
    await waitFor(async () => (await h.db.delivery.count({ where: { deferredAt: { not: null } } })) === 2);
    // Then, over the cap as well: a reminder to the one who said 报名, and a second notice.
    const activity = await h.db.activity.create({
      data: { organizationId: branch.organizationId, title: '主题党日', startsAt: new Date(clock.now + 2 * day), place: '社区', status: 'OPEN', createdById: secretaryRow.id },
    });
    await h.db.rsvp.create({ data: { activityId: activity.id, memberId: members[2]!.row.id, status: 'YES', answeredAt: new Date(clock.now) } });
    const reminderIds = await createActivityReminder(h.db, { activityId: activity.id, kind: 'REMINDER', minutesBefore: 1440, now: new Date(clock.now), timeZone: h.config.APP_TIME_ZONE });
    await outbox.enqueueDeliveries(reminderIds, { first: true });
    await h.ask(secretary, '通知 第二条');
    await h.ask(secretary, '确认');
    await waitFor(async () => (await h.db.delivery.count({ where: { deferredAt: { not: null } } })) === 7);
    expect(sentNotices()).toEqual(['【通知】第一条', '【通知】第一条']);

    // The next day, two go out: the reminder, then the oldest waiting notice.
    clock.now += day;
    await bringForward(h);
    await waitFor(async () => sentNotices().length === 4);
    await h.settle();
    expect(sentNotices().slice(2)).toEqual([expect.stringContaining('【活动提醒】'), '【通知】第一条']);
  });

  it("sends nothing proactive during a new account's warm-up, then a growing share of the cap", async () => {
    const clock = { now: Date.now() };
    const h = await start({ WARMUP_HOURS: '8', ACCOUNT_DAILY_CAP: '20' }, { now: () => new Date(clock.now) });
    const loggedInAt = clock.now;
    const { secretary, members } = await seedBranchWithPeople(h, 5, { linkedGroup: false });
    await h.ask(secretary, '通知 预热');
    await h.ask(secretary, '确认');
    const notices = () => h.db.delivery.findMany({ where: { broadcast: { text: { contains: '预热' } } } });
    await waitFor(async () => (await notices()).every((d) => d.deferredAt !== null));
    await h.settle();

    expect((await notices()).every((d) => d.status === 'QUEUED')).toBe(true);
    expect(h.sent.filter((m) => m.text === '【通知】预热')).toHaveLength(0);
    expect((await h.db.botAccount.findUniqueOrThrow({ where: { name: h.config.BOT_NAME } })).firstLoginAt.getTime()).toBe(loggedInAt);
    // Held until the warm-up ends, 8 hours after the first login.
    for (const job of await outboxQueue(h).getDelayed()) expect(Math.abs(job.timestamp + job.delay - (loggedInAt + 8 * 3_600_000))).toBeLessThan(60_000);
    expect(await h.ask(members[0]!.contact, '签到')).toContain('签到成功');

    // The first day after the warm-up: a tenth of the cap (2 of 20).
    clock.now += 9 * 3_600_000;
    await bringForward(h);
    await waitFor(async () => (await notices()).filter((d) => d.status === 'SENT').length === 2);
    await h.settle();
    expect((await notices()).filter((d) => d.status === 'SENT')).toHaveLength(2);

    // A week later: the whole cap.
    clock.now = loggedInAt + 7 * day + 3_600_000;
    await bringForward(h);
    await waitFor(async () => (await notices()).every((d) => d.status === 'SENT'));
  });

  it('a merge recorded before a crash is sent whole on the retry, and the merged replies are not sent again', async () => {
    const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const prefix = `test-merge-${randomUUID().slice(0, 8)}`;
    const outbox = new Outbox({ connection, prefix, account: 'merge' });
    const queue = new Queue<OutboxJob>('outbox-merge', { connection, prefix });
    cleanups.push(async () => {
      await Promise.all([outbox.close(), queue.close()]);
      await connection.quit();
    });
    const toMember = (text: string) => ({ conversationId: 'wxid_member', toGroup: false, text });
    await outbox.enqueueReplies(['一', '二', '三'].map((text, i) => ({ key: `reply-${i}`, message: toMember(text) })));
    await outbox.enqueueReplies([{ key: 'reply-other', message: { ...toMember('别人'), conversationId: 'wxid_other' } }]);

    const merge = async () => {
      const job = (await queue.getJob('reply-0'))!;
      if (job.data.kind !== 'reply') throw new Error('a reply job was expected');
      return (await mergeWaitingReplies(queue, job, job.data)).text;
    };
    expect(await merge()).toBe('一\n\n二\n\n三');
    // The others are gone from the queue; another chat's reply is not touched.
    expect(await queue.getJob('reply-1')).toBeUndefined();
    expect(await queue.getJob('reply-2')).toBeUndefined();
    expect(await queue.getJob('reply-other')).toBeDefined();
    // The process dies before sending: the retry reads the merge from the job and sends the same message.
    expect(await merge()).toBe('一\n\n二\n\n三');
  });

  it('sends the replies still waiting for one chat as one message', async () => {
    const h = await start({ REPLY_INTERVAL_SECONDS: '0.5' });
    const { members } = await seedBranchWithPeople(h, 1, { linkedGroup: false });
    const member = members[0]!.contact;
    for (const text of ['签到', '签到', '签到', '签到']) member.say(text).to(h.world.self);
    await h.waitForSent((m) => m.conversationId === member.id);
    await h.settle();

    const messages = h.received(member.id).map((m) => m.text);
    const answers = messages.flatMap((text) => text.split('\n\n')).filter((part) => part.includes('签到'));
    expect(answers).toHaveLength(4);
    expect(answers[0]).toContain('签到成功');
    expect(messages.length).toBeLessThan(4);
  });
});
