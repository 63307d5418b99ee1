import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

/** What the member has told the bot about themselves: none of it may appear in the group. */
const personal = ['格尔木', '跑运输', '肝病复查', '自习室', '电焊', '货车司机', '某物流', '电工', '回村任职', '请假到', '已请假', '签到天数'];

/** Commands whose answer carries the sender's own data, in an order that gives each something to show. */
const commands = [
  '去向 格尔木市 跑运输',
  '现居地 格尔木市',
  '工作 跑运输',
  '请假 30天 看病（肝病复查）',
  '建议 周末开放党群服务中心的自习室',
  '特长 电工 种植',
  '愿意 回村任职',
  '求职 电焊 货车司机',
  '我的',
  '去向 <the member they look after>',
  '意向 12',
  '已就业 格尔木某物流公司',
  '返乡',
  '不愿意 回村任职',
  '销假',
];

describe('private answers stay private', () => {
  let h: Harness;
  let people: Awaited<ReturnType<typeof seedBranchWithPeople>>;
  beforeAll(async () => {
    h = await startHarness();
    people = await seedBranchWithPeople(h, 2);
    // The sender looks after the second member: 去向 <name> reads that member's whereabouts history.
    await h.db.member.update({ where: { id: people.members[1]!.row.id }, data: { contactPersonId: people.members[0]!.row.id } });
  });
  afterAll(async () => {
    await h.stop();
  });

  for (const text of commands) {
    it(`「${text}」 sent in a group is answered in a direct chat; the group hears one short line at most`, async () => {
      const { contact } = people.members[0]!;
      const cared = people.members[1]!.row.name;
      const before = h.sent.length;
      contact.say(text.replace('<the member they look after>', cared)).to(people.room);
      await h.settle();
      const after = h.sent.slice(before);
      const inGroup = after.filter((message) => message.conversationId === people.room.id);
      const direct = after.filter((message) => message.conversationId === contact.id);
      expect(direct.length, 'answered in a direct chat').toBeGreaterThan(0);
      expect(inGroup.length).toBeLessThanOrEqual(1);
      for (const message of inGroup) {
        expect(message.text).toContain('私聊');
        for (const field of [...personal, cared]) expect(message.text).not.toContain(field);
      }
    });
  }
});
