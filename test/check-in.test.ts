import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, linkGroup, seedBranch, seedBranchWithPeople } from './support/seed.ts';

const day = 24 * 3600 * 1000;

describe('签到 through Wechaty on the mock puppet', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  async function boundMember(name = '张三') {
    const branch = await seedBranch(h.db, [{ name }]);
    const member = branch.members[0]!;
    const contact = h.world.createContact(name);
    await bindDirectly(h.db, contact.id, member.id);
    return { branch, member, contact };
  }

  it('records a check-in from a direct chat with its place and replies at once', async () => {
    const { member, contact } = await boundMember();

    contact.say('签到 西宁市城北区').to(h.world.self);

    const reply = await h.waitForSent((m) => m.conversationId === contact.id);
    expect(reply.text).toContain('签到成功');
    expect(reply.text).toContain('西宁市城北区');
    const rows = await h.db.checkIn.findMany({ where: { memberId: member.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.place).toBe('西宁市城北区');
    expect(rows[0]!.chatGroupId).toBeNull();
  });

  it('understands full-width text and an @mention of the bot', async () => {
    const { member, contact } = await boundMember();

    contact.say('@党建助手\u2005签到　格尔木').to(h.world.self);

    await h.waitForSent((m) => m.conversationId === contact.id && m.text.includes('签到成功'));
    const rows = await h.db.checkIn.findMany({ where: { memberId: member.id } });
    expect(rows.map((row) => row.place)).toEqual(['格尔木']);
  });

  it('records one check-in per local day: a second 签到 says so, the next day counts again', async () => {
    const { member, contact } = await boundMember();
    const now = Date.now();

    h.world.deliver({ from: contact, text: '签到', timestamp: now });
    await h.waitForSent((m) => m.text.includes('签到成功'));
    h.world.deliver({ from: contact, text: '签到', timestamp: now + 1000 });
    await h.waitForSent((m) => m.text.includes('已经签到过了'));
    expect(await h.db.checkIn.count({ where: { memberId: member.id } })).toBe(1);

    h.world.deliver({ from: contact, text: '签到', timestamp: now + day });
    await h.settle();
    expect(await h.db.checkIn.count({ where: { memberId: member.id } })).toBe(2);
    expect(h.sent.filter((m) => m.text.includes('签到成功'))).toHaveLength(2);
  });

  it('counts a check-in in a linked group toward the member, with the group recorded', async () => {
    const { branch, member, contact } = await boundMember();
    const room = h.world.createRoom('流动党员群', [contact]);
    await linkGroup(h.db, room.id, branch.organizationId);

    contact.say('签到').to(room);
    await h.settle();

    const rows = await h.db.checkIn.findMany({ where: { memberId: member.id } });
    expect(rows.map((row) => row.chatGroupId)).toEqual([room.id]);
  });

  it('does not count a check-in in a group not linked to an organisation, and says why', async () => {
    const { member, contact } = await boundMember();
    const room = h.world.createRoom('闲聊群', [contact]);

    contact.say('签到').to(room);

    const reply = await h.waitForSent((m) => m.conversationId === room.id);
    expect(reply.text).toContain('尚未关联');
    expect(await h.db.checkIn.count({ where: { memberId: member.id } })).toBe(0);
  });

  it('asks an unbound contact in a group to bind once, not on every message', async () => {
    const branch = await seedBranch(h.db, [{ name: '李四' }]);
    const stranger = h.world.createContact('路人');
    const room = h.world.createRoom('流动党员群', [stranger]);
    await linkGroup(h.db, room.id, branch.organizationId);

    contact(stranger, room, 3);
    await h.settle();
    contact(stranger, room, 1);
    await h.settle();

    const prompts = h.sent.filter((m) => m.conversationId === room.id && m.text.includes('还没有绑定'));
    expect(prompts).toHaveLength(1);
    expect(await h.db.checkIn.count({ where: { memberId: branch.members[0]!.id } })).toBe(0);

    function contact(from: typeof stranger, to: typeof room, times: number) {
      for (let i = 0; i < times; i += 1) from.say('签到').to(to);
    }
  });

  it('asks an unbound contact in a direct chat to bind, once an hour (test/stranger-replies.test.ts has the hour)', async () => {
    const stranger = h.world.createContact('路人');

    stranger.say('签到').to(h.world.self);
    await h.settle();
    stranger.say('签到').to(h.world.self);
    await h.settle();

    expect(h.sent.filter((m) => m.conversationId === stranger.id && m.text.includes('还没有绑定'))).toHaveLength(1);
  });

  it('takes 签到 with trailing punctuation or zero-width characters as 签到, in a group and in a direct chat', async () => {
    const variants = ['签到！', '签到。', '签到!', '签到 ！', '签到\u200b', '\u200b签到', '签到\ufeff', '签到～'];
    const { members, room } = await seedBranchWithPeople(h, variants.length + 1);

    variants.forEach((text, i) => members[i]!.contact.say(text).to(room));
    const direct = members[variants.length]!;
    const reply = await h.ask(direct.contact, '签到。');
    await h.settle();

    expect(reply).toContain('签到成功');
    const checkedIn = await h.db.checkIn.findMany({ where: { memberId: { in: members.map((m) => m.row.id) } }, select: { memberId: true, place: true } });
    expect(checkedIn.map((row) => row.memberId).sort()).toEqual(members.map((m) => m.row.id).sort());
    expect(checkedIn.every((row) => row.place === null)).toBe(true);
    const summary = await h.waitForSent((m) => m.conversationId === room.id && m.text.startsWith('✅'));
    expect(summary.text).toContain(`签到 ${variants.length} 人`);
  });

  it('never records a check-in from a near-miss (签到了): silent in a group, a hint in a direct chat', async () => {
    const { members, room } = await seedBranchWithPeople(h, 2);
    const [inGroup, direct] = members as [(typeof members)[number], (typeof members)[number]];

    inGroup.contact.say('签到了').to(room);
    inGroup.contact.say('我已经签到了！').to(room);
    const reply = await h.ask(direct.contact, '签到了');
    await h.settle();

    expect(reply).toContain('未签到');
    expect(reply).toContain('「签到」');
    expect(await h.db.checkIn.count({ where: { memberId: { in: [inGroup.row.id, direct.row.id] } } })).toBe(0);
    expect(h.received(room.id)).toEqual([]);
  });

  it('我的 shows the last check-in, days this month and the streak', async () => {
    const { member, contact } = await boundMember();
    const now = Date.now();
    h.world.deliver({ from: contact, text: '签到 格尔木', timestamp: now });
    await h.settle();
    // Yesterday's check-in, written directly: a streak needs history before start-up.
    const today = (await h.db.checkIn.findFirstOrThrow({ where: { memberId: member.id } })).day;
    const yesterday = new Date(today.getTime() - day);
    await h.db.checkIn.create({ data: { memberId: member.id, day: yesterday, at: new Date(now - day), messageId: 'seed' } });

    contact.say('我的').to(h.world.self);

    const reply = await h.waitForSent((m) => m.text.includes('连续签到'));
    expect(reply.text).toContain(member.name);
    expect(reply.text).toContain('（格尔木）');
    expect(reply.text).toContain('连续签到：2 天');
    const sameMonth = today.getUTCMonth() === yesterday.getUTCMonth();
    expect(reply.text).toContain(`本月签到：${sameMonth ? 2 : 1} 天`);
  });
});
