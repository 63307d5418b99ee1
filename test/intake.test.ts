import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { databaseName, withDatabaseName } from '../src/db/migrate.ts';
import { IntakeQueue } from '../src/intake/intake-queue.ts';
import { createRedis } from '../src/queues/redis.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, linkGroup, seedBranch } from './support/seed.ts';

describe('durable intake', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  async function memberInLinkedGroup() {
    const branch = await seedBranch(h.db, [{ name: '张三' }]);
    const member = branch.members[0]!;
    const contact = h.world.createContact('张三');
    await bindDirectly(h.db, contact.id, member.id);
    const room = h.world.createRoom('流动党员群', [contact]);
    await linkGroup(h.db, room.id, branch.organizationId);
    return { member, contact, room };
  }

  it('processes a duplicate message event once', async () => {
    const { member, contact } = await memberInLinkedGroup();

    const id = h.world.deliver({ from: contact, text: '签到' });
    h.world.deliver({ from: contact, text: '签到', id });
    await h.settle();
    h.world.deliver({ from: contact, text: '签到', id });
    await h.settle();

    expect(await h.db.inboundMessage.count({ where: { id } })).toBe(1);
    expect(await h.db.checkIn.count({ where: { memberId: member.id } })).toBe(1);
    expect(h.sent.filter((m) => m.conversationId === contact.id)).toHaveLength(1);
  });

  it("ignores messages replayed from before start-up and the bot's own messages", async () => {
    const { member, contact } = await memberInLinkedGroup();

    const old = h.world.deliver({ from: contact, text: '签到', timestamp: Date.now() - 3600_000 });
    const own = h.world.deliver({ from: h.world.self, to: contact, text: '签到' });
    await h.settle();

    expect(await h.db.inboundMessage.count({ where: { id: { in: [old, own] } } })).toBe(0);
    expect(await h.db.checkIn.count({ where: { memberId: member.id } })).toBe(0);
    expect(h.sent.filter((m) => m.text !== '签到')).toHaveLength(0);
  });

  it('keeps who and when of group chatter but not what, ignores it, and marks the member active', async () => {
    const { member, contact, room } = await memberInLinkedGroup();
    const sentAt = Date.now();

    const chatter = h.world.deliver({ from: contact, room, text: '大家好，我在格尔木跑运输', timestamp: sentAt });
    const command = h.world.deliver({ from: contact, room, text: '签到', timestamp: sentAt + 1 });
    await h.settle();

    const chatterRow = await h.db.inboundMessage.findUniqueOrThrow({ where: { id: chatter } });
    expect(chatterRow).toMatchObject({ contactId: contact.id, roomId: room.id, memberId: member.id, text: null, command: null });
    expect(chatterRow.processedAt).not.toBeNull();
    const commandRow = await h.db.inboundMessage.findUniqueOrThrow({ where: { id: command } });
    expect(commandRow).toMatchObject({ text: '签到', command: 'check-in' });
    const updated = await h.db.member.findUniqueOrThrow({ where: { id: member.id } });
    expect(updated.lastActiveAt?.getTime()).toBe(sentAt + 1);
    // Chatter gets no reply in a group; the check-in is answered by the batched summary only.
    expect(h.sent.filter((m) => m.conversationId === room.id && !m.text.startsWith('✅'))).toHaveLength(0);
  });

  it('does not count chatter in an unlinked group as activity', async () => {
    const branch = await seedBranch(h.db, [{ name: '张三' }]);
    const member = branch.members[0]!;
    const contact = h.world.createContact('张三');
    await bindDirectly(h.db, contact.id, member.id);
    const room = h.world.createRoom('老乡群', [contact]);

    contact.say('吃了吗').to(room);
    await h.settle();

    expect((await h.db.member.findUniqueOrThrow({ where: { id: member.id } })).lastActiveAt).toBeNull();
  });

  it('answers unknown text in a direct chat with one line pointing to 帮助, or to 绑定 for someone not bound', async () => {
    const { contact } = await memberInLinkedGroup();
    const stranger = h.world.createContact('路人');

    contact.say('你好').to(h.world.self);
    stranger.say('你好').to(h.world.self);

    expect((await h.waitForSent((m) => m.conversationId === contact.id)).text).toBe('没有看懂您的消息，发送「帮助」查看常用指令。');
    expect((await h.waitForSent((m) => m.conversationId === stranger.id)).text).toContain('「绑定 姓名 手机号后四位」');
  });

  it('answers a command with a NUL character in it, and the rest of its batch too', async () => {
    // PostgreSQL's text cannot hold NUL: kept as typed, it failed the whole batch, again and again (found by npm run faults).
    const branch = await seedBranch(h.db, [{ name: '张三' }, { name: '李四' }]);
    const [zhang, li] = branch.members;
    const zhangContact = h.world.createContact('张三');
    const liContact = h.world.createContact('李四');
    await bindDirectly(h.db, zhangContact.id, zhang!.id);
    await bindDirectly(h.db, liContact.id, li!.id);

    h.world.deliver({ from: zhangContact, text: '建议 周末\u0000开放自习室' });
    h.world.deliver({ from: liContact, text: '签到\u0000' });
    await h.settle();

    expect(await h.db.suggestion.findMany({ select: { text: true } })).toEqual([{ text: '周末开放自习室' }]);
    expect(await h.db.checkIn.count({ where: { memberId: li!.id } })).toBe(1);
    expect(h.received(zhangContact.id)).toHaveLength(1);
    expect(h.received(liContact.id)).toHaveLength(1);
  });

  it('delays check-ins while the database is down and records them when it is back', async () => {
    const { member, contact } = await memberInLinkedGroup();
    const name = databaseName(h.config.DATABASE_URL);
    const admin = new pg.Client({ connectionString: withDatabaseName(h.config.DATABASE_URL, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);

      contact.say('签到').to(h.world.self);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(h.sent.filter((m) => m.conversationId === contact.id)).toHaveLength(0);
    } finally {
      await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS true`);
      await admin.end();
    }

    const reply = await h.waitForSent((m) => m.conversationId === contact.id, 20_000);
    expect(reply.text).toContain('签到成功');
    expect(await h.db.checkIn.count({ where: { memberId: member.id } })).toBe(1);
  });

  it('keeps messages heard while Redis does not answer (connections cut, clients paused)', async () => {
    const { member, contact } = await memberInLinkedGroup();
    const admin = createRedis(h.config.REDIS_URL);
    await admin.call('CLIENT', 'PAUSE', '1500', 'ALL');
    await admin.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');

    contact.say('签到').to(h.world.self);

    const reply = await h.waitForSent((m) => m.conversationId === contact.id, 20_000);
    expect(reply.text).toContain('签到成功');
    expect(await h.db.checkIn.count({ where: { memberId: member.id } })).toBe(1);
    await admin.quit();
  });

  it('handles messages that waited in Redis while no assistant was running', async () => {
    const { member, contact } = await memberInLinkedGroup();
    const prefix = `${h.config.QUEUE_PREFIX}-restart`;
    await h.stop();
    // Heard and queued, then the process went away before any worker ran.
    const redis = createRedis(h.config.REDIS_URL);
    const intake = new IntakeQueue({ connection: redis, prefix, account: h.config.BOT_NAME });
    intake.push({ id: randomUUID(), contactId: contact.id, text: '签到', sentAt: Date.now() });
    await intake.close();
    await redis.quit();
    expect(await h.db.checkIn.count({ where: { memberId: member.id } })).toBe(0);

    h = await startHarness(
      { QUEUE_PREFIX: prefix, DATABASE_URL: h.config.DATABASE_URL },
      { beforeStart: (world) => world.createContact('张三', contact.id) },
    );
    await h.settle();

    expect(await h.db.checkIn.count({ where: { memberId: member.id } })).toBe(1);
    expect(h.sent.filter((m) => m.conversationId === contact.id && m.text.includes('签到成功'))).toHaveLength(1);
  });
});
