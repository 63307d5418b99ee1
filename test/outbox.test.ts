import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedis } from '../src/queues/redis.ts';
import type { ContactMock } from '../src/simulator/mock-world.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, seedBranch, type SeededMember } from './support/seed.ts';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

async function branchWith(memberCount: number, world = h.world) {
  const branch = await seedBranch(h.db, [
    { name: '书记', role: 'SECRETARY' },
    ...Array.from({ length: memberCount }, (_, i) => ({ name: `党员${i + 1}号` })),
  ]);
  const [secretaryRow, ...memberRows] = branch.members as [SeededMember, ...SeededMember[]];
  const secretary = world.createContact('书记');
  await bindDirectly(h.db, secretary.id, secretaryRow.id);
  const members: { row: SeededMember; contact: ContactMock }[] = [];
  for (const row of memberRows) {
    const contact = world.createContact(row.name);
    await bindDirectly(h.db, contact.id, row.id);
    members.push({ row, contact });
  }
  return { branch, secretary, members };
}

const received = (contactId: string) => h.sent.filter((m) => m.conversationId === contactId);

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
    const { secretary, members } = await branchWith(2);

    await h.ask(secretary, '通知 明早开会');
    expect(await h.ask(secretary, '确认')).toContain('已确认');
    await h.settle();

    for (const { contact } of members) expect(received(contact.id)).toHaveLength(0);
    const deliveries = await h.db.delivery.findMany({ where: { memberId: { in: members.map((m) => m.row.id) } } });
    expect(deliveries.map((d) => d.status)).toEqual(['QUEUED', 'QUEUED']);
    const queue = new Queue(`outbox-${h.config.BOT_NAME}`, { connection: createRedis(h.config.REDIS_URL), prefix: h.config.QUEUE_PREFIX });
    const held = await queue.getDelayed();
    expect(held).toHaveLength(deliveries.length + 1); // and the secretary's own copy
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
    const { secretary, members } = await branchWith(1);
    const member = members[0]!;

    for (const text of ['通知 第一条', '通知 第二条', '通知 第三条']) {
      await h.ask(secretary, text);
      await h.ask(secretary, '确认');
      await h.settle();
    }

    expect(received(member.contact.id).map((m) => m.text)).toEqual(['【通知】第一条', '【通知】第二条']);
    const third = await h.db.delivery.findFirstOrThrow({ where: { memberId: member.row.id, broadcast: { text: '【通知】第三条' } } });
    expect(third.status).toBe('QUEUED');
    // A reply to the member's own message is not capped.
    expect(await h.ask(member.contact, '签到')).toContain('签到成功');
  });

  it('records a recipient WeChat will not deliver to, and does not retry it', async () => {
    h = await startHarness();
    const { secretary, members } = await branchWith(1);
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
    const { secretary, members } = await branchWith(1);
    await h.ask(secretary, '通知 测试');
    await h.ask(secretary, '确认');
    await h.settle();
    const delivery = await h.db.delivery.findFirstOrThrow({ where: { memberId: members[0]!.row.id } });
    // As if the process had died after handing the message to WeChat, before recording it.
    await h.db.delivery.update({ where: { id: delivery.id }, data: { status: 'SENDING' } });
    const queue = new Queue(`outbox-${h.config.BOT_NAME}`, { connection: createRedis(h.config.REDIS_URL), prefix: h.config.QUEUE_PREFIX });
    await queue.add('delivery', { kind: 'delivery', deliveryId: delivery.id }, { jobId: `delivery-${delivery.id}-retry` });
    await h.settle();

    expect(received(members[0]!.contact.id)).toHaveLength(1);
    expect((await h.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe('FAILED');
    await queue.close();
  });
});

describe('crash safety', () => {
  it('a 200-recipient broadcast stopped midway and resumed reaches each recipient exactly once', async () => {
    // A pace slow enough to stop in the middle, fast enough for a test.
    const pace = { SEND_INTERVAL_SECONDS: '0.005' };
    h = await startHarness(pace);
    const { secretary, members } = await branchWith(200);
    await h.ask(secretary, '通知 二百人的通知');
    await h.ask(secretary, '确认');
    const firstRun = h.sent;
    while (firstRun.filter((m) => m.text === '【通知】二百人的通知').length < 50) await new Promise((r) => setTimeout(r, 10));
    await h.stop();
    const sentBefore = firstRun.filter((m) => m.text === '【通知】二百人的通知').length;
    expect(sentBefore).toBeLessThan(201);

    h = await startHarness({ ...pace, QUEUE_PREFIX: h.config.QUEUE_PREFIX });
    for (const { contact } of [{ contact: secretary }, ...members]) h.world.createContact(contact.payload.name, contact.id);
    await h.settle();

    const all = [...firstRun, ...h.sent].filter((m) => m.text === '【通知】二百人的通知');
    const perRecipient = new Map<string, number>();
    for (const message of all) perRecipient.set(message.conversationId, (perRecipient.get(message.conversationId) ?? 0) + 1);
    expect(perRecipient.size).toBe(201);
    expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    expect(await h.db.delivery.count({ where: { memberId: { in: members.map((m) => m.row.id) }, status: 'SENT' } })).toBe(200);
  });
});
