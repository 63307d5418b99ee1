import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { confirmBroadcastPreview } from '../src/domain/broadcasts/confirm-broadcast-preview.ts';
import { createBroadcastPreview } from '../src/domain/activities/create-broadcast-preview.ts';
import { createRedis } from '../src/queues/redis.ts';
import type { ContactMock, MockWorld } from '../src/simulator/mock-world.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

/** The same people in the WeChat stand-in of a restarted process. */
function recreate(world: MockWorld, contacts: ContactMock[]): void {
  for (const contact of contacts) world.createContact(contact.payload.name, contact.id);
}

/** Quiet hours from an hour ago to an hour from now, in the configured zone: "now" is quiet. */
function quietNow(): string {
  const clock = (offsetHours: number) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(Date.now() + offsetHours * 3600_000),
    );
  return `${clock(-1)}-${clock(1)}`;
}

describe('outbox rules', () => {
  it('holds broadcasts during quiet hours, while replies to a member still go out', async () => {
    h = await startHarness({ QUIET_HOURS: quietNow() });
    const { secretary, members } = await seedBranchWithPeople(h, 2, { linkedGroup: false });

    await h.ask(secretary, '通知 明早开会');
    expect(await h.ask(secretary, '确认')).toContain('已确认');
    await h.settle();

    for (const { contact } of members) expect(h.received(contact.id)).toHaveLength(0);
    const deliveries = await h.db.delivery.findMany({ where: { memberId: { in: members.map((m) => m.row.id) } } });
    expect(deliveries.map((d) => d.status)).toEqual(['QUEUED', 'QUEUED']);
    const queue = new Queue(`outbox-${h.config.BOT_NAME}`, { connection: createRedis(h.config.REDIS_URL), prefix: h.config.QUEUE_PREFIX });
    const held = await queue.getDelayed();
    // The secretary gets no copy: they are not in their own organisation's audience.
    expect(held).toHaveLength(deliveries.length);
    // Held until quiet hours end (an hour from now), spread over the next half hour.
    for (const job of held) {
      expect(job.delay).toBeGreaterThan(55 * 60_000);
      expect(job.delay).toBeLessThan(95 * 60_000);
    }
    const member = members[0]!;
    expect(await h.ask(member.contact, '签到')).toContain('签到成功');
    await queue.close();
  });

  it('sends a member at most the daily cap of proactive messages; the rest wait for tomorrow', async () => {
    h = await startHarness({ DAILY_MESSAGE_CAP: '2' });
    const { secretary, members } = await seedBranchWithPeople(h, 1, { linkedGroup: false });
    const member = members[0]!;

    for (const text of ['通知 第一条', '通知 第二条', '通知 第三条']) {
      await h.ask(secretary, text);
      await h.ask(secretary, '确认');
      await h.settle();
    }

    expect(h.received(member.contact.id).map((m) => m.text)).toEqual(['【通知】第一条', '【通知】第二条']);
    const third = await h.db.delivery.findFirstOrThrow({ where: { memberId: member.row.id, broadcast: { text: '【通知】第三条' } } });
    expect(third.status).toBe('QUEUED');
    // A reply to the member's own message is not capped.
    expect(await h.ask(member.contact, '签到')).toContain('签到成功');
  });

  it('records a recipient WeChat will not deliver to, and does not retry it', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 1, { linkedGroup: false });
    // A bound contact the chat service does not know (e.g. no longer a friend).
    await h.db.wechatContact.update({ where: { memberId: members[0]!.row.id }, data: { memberId: null } });
    await h.db.wechatContact.create({ data: { id: `gone-${randomUUID()}`, memberId: members[0]!.row.id } });

    await h.ask(secretary, '通知 测试');
    await h.ask(secretary, '确认');
    await h.settle();

    const delivery = await h.db.delivery.findFirstOrThrow({ where: { memberId: members[0]!.row.id } });
    expect(delivery.status).toBe('FAILED');
    expect(delivery.reason).toContain('not exist');
  });

  it('does not send again a delivery that was being sent when the process died', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 1, { linkedGroup: false });
    await h.ask(secretary, '通知 测试');
    await h.ask(secretary, '确认');
    await h.settle();
    const delivery = await h.db.delivery.findFirstOrThrow({ where: { memberId: members[0]!.row.id } });
    // As if the process had died after handing the message to WeChat, before recording it.
    await h.db.delivery.update({ where: { id: delivery.id }, data: { status: 'SENDING' } });
    const queue = new Queue(`outbox-${h.config.BOT_NAME}`, { connection: createRedis(h.config.REDIS_URL), prefix: h.config.QUEUE_PREFIX });
    await queue.add('delivery', { kind: 'delivery', deliveryId: delivery.id }, { jobId: `delivery-${delivery.id}-retry` });
    await h.settle();

    expect(h.received(members[0]!.contact.id)).toHaveLength(1);
    expect((await h.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe('FAILED');
    await queue.close();
  });
});

describe('crash safety', () => {
  it('a retried 确认 (same message) returns the same broadcast; a later 确认 finds nothing to confirm', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 2, { linkedGroup: false });
    const secretaryId = (await h.db.wechatContact.findUniqueOrThrow({ where: { id: secretary.id } })).memberId!;
    await h.ask(secretary, '通知 重试测试');
    const at = new Date();

    const first = await confirmBroadcastPreview(h.db, { secretaryId, now: at });
    const retried = await confirmBroadcastPreview(h.db, { secretaryId, now: at });
    const later = await confirmBroadcastPreview(h.db, { secretaryId, now: new Date(at.getTime() + 1000) });

    expect(first.outcome).toBe('confirmed');
    expect(retried).toEqual(first);
    expect(later.outcome).toBe('nothing-to-confirm');
    expect(await h.db.delivery.count({ where: { memberId: { in: members.map((m) => m.row.id) } } })).toBe(2);
  });

  it('sends deliveries written but never queued (the process died in between) after a restart', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 2, { linkedGroup: false });
    const secretaryMember = (await h.db.wechatContact.findUniqueOrThrow({ where: { id: secretary.id }, include: { member: { include: { organization: true } } } })).member!;
    await h.stop();
    await createBroadcastPreview(h.db, {
      secretary: { ...secretaryMember, organizationPath: secretaryMember.organization.path },
      targetTag: null,
      timeZone: 'Asia/Shanghai',
      request: { kind: 'NOTICE', content: '写了没发' },
    });
    const confirmed = await confirmBroadcastPreview(h.db, { secretaryId: secretaryMember.id, now: new Date() });
    expect(confirmed.outcome).toBe('confirmed');

    h = await startHarness(
      { QUEUE_PREFIX: h.config.QUEUE_PREFIX, DATABASE_URL: h.config.DATABASE_URL },
      { beforeStart: (world) => recreate(world, [secretary, ...members.map((m) => m.contact)]) },
    );
    await h.settle();

    for (const { contact } of members) expect(h.received(contact.id).map((m) => m.text)).toEqual(['【通知】写了没发']);
  });

  it('a 200-recipient broadcast stopped midway and resumed reaches each recipient exactly once', async () => {
    // A pace slow enough to stop in the middle, fast enough for a test.
    const pace = { SEND_INTERVAL_SECONDS: '0.005' };
    h = await startHarness(pace);
    const { secretary, members } = await seedBranchWithPeople(h, 200, { linkedGroup: false });
    await h.ask(secretary, '通知 二百人的通知');
    await h.ask(secretary, '确认');
    const firstRun = h.sent;
    while (firstRun.filter((m) => m.text === '【通知】二百人的通知').length < 50) await new Promise((r) => setTimeout(r, 10));
    await h.stop();
    const sentBefore = firstRun.filter((m) => m.text === '【通知】二百人的通知').length;
    expect(sentBefore).toBeLessThan(200);

    h = await startHarness(
      { ...pace, QUEUE_PREFIX: h.config.QUEUE_PREFIX, DATABASE_URL: h.config.DATABASE_URL },
      { beforeStart: (world) => recreate(world, [secretary, ...members.map((m) => m.contact)]) },
    );
    await h.settle();

    const all = [...firstRun, ...h.sent].filter((m) => m.text === '【通知】二百人的通知');
    const perRecipient = new Map<string, number>();
    for (const message of all) perRecipient.set(message.conversationId, (perRecipient.get(message.conversationId) ?? 0) + 1);
    expect(perRecipient.size).toBe(200);
    expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    expect(await h.db.delivery.count({ where: { memberId: { in: members.map((m) => m.row.id) }, status: 'SENT' } })).toBe(200);
  });
});
