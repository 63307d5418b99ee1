import { randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/generated/prisma/client.ts';
import {
  followAndBind,
  startAnotherProcess,
  startOfficialAccount,
  textOf,
  type OfficialAccountHarness,
  type OfficialAccountProcess,
} from './support/official-account-harness.ts';
import { waitFor } from './support/wait-for.ts';
import { activityTimeIn } from './support/activity-date.ts';

/**
 * The member commands and a slice of the authorisation matrix (test/authorization.test.ts) on the
 * official account, and two processes serving one account behind one proxy.
 *
 *   测试区… ── 支部甲 (the branch: its secretary, members)
 *           └── 支部乙 (the sibling: its secretary)
 */
interface Person {
  id: number;
  name: string;
  openId: string;
}

async function seedDistrict(h: OfficialAccountHarness) {
  const suffix = randomInt(1e9).toString(36);
  const root = await h.db.organization.create({ data: { name: `测试区${suffix}`, path: `测试区${suffix}` } });
  const branch = await h.db.organization.create({ data: { name: '支部甲', path: `${root.path}/支部甲`, parentId: root.id } });
  const sibling = await h.db.organization.create({ data: { name: '支部乙', path: `${root.path}/支部乙`, parentId: root.id } });
  const person = async (name: string, role: Role, organizationId: number): Promise<Person> => {
    const row = await h.db.member.create({
      data: { name: `${name}${suffix}`, phone: `1${String(randomInt(1e10)).padStart(10, '0')}`, role, organizationId },
    });
    const openId = `o-${row.id}`;
    await followAndBind(h, openId, row.id);
    return { id: row.id, name: row.name, openId };
  };
  return {
    branchId: branch.id,
    secretary: await person('甲书记', 'SECRETARY', branch.id),
    siblingSecretary: await person('乙书记', 'SECRETARY', sibling.id),
    member: await person('党员', 'MEMBER', branch.id),
    target: await person('目标党员', 'MEMBER', branch.id),
  };
}
type District = Awaited<ReturnType<typeof seedDistrict>>;

/** Everything WeChat accepted for the person once all is handled (a reply may come in several messages). */
async function exchange(h: OfficialAccountHarness, person: Person, text: string): Promise<string> {
  const before = h.received(person.openId).length;
  await h.say(person.openId, text);
  await h.settle();
  return h.received(person.openId).slice(before).map(textOf).join('\n');
}

/** Sends a command that needs 确认, and confirms it unless it was refused. */
async function confirmed(h: OfficialAccountHarness, person: Person, text: string): Promise<string> {
  const preview = await exchange(h, person, text);
  return preview.includes('确认') ? exchange(h, person, '确认') : preview;
}

/** The secretary commands sent by a member, a sibling branch's secretary and the branch's own secretary. */
type Actor = 'member' | 'siblingSecretary' | 'secretary';
const actors: readonly Actor[] = ['member', 'siblingSecretary', 'secretary'];

const cases: { command: string; run(h: OfficialAccountHarness, d: District, actor: Actor): Promise<{ reached: boolean; reply: string }> }[] = [
  {
    command: '通知 … + 确认',
    async run(h, d, actor) {
      const text = `通知内容${randomInt(1e6)}`;
      const reply = await confirmed(h, d[actor], `通知 ${text}`);
      const delivery = await h.db.delivery.findFirst({ where: { memberId: d.target.id, broadcast: { status: 'CONFIRMED', text: { contains: text } } } });
      return { reached: delivery !== null, reply };
    },
  },
  {
    command: '统计',
    async run(h, d, actor) {
      const reply = await exchange(h, d[actor], '统计');
      return { reached: reply.includes(d.target.name), reply };
    },
  },
  {
    command: '去向 <姓名>',
    async run(h, d, actor) {
      const place = `去向${randomInt(1e6)}`;
      await h.db.member.update({ where: { id: d.target.id }, data: { residence: place } });
      const reply = await exchange(h, d[actor], `去向 ${d.target.name}`);
      return { reached: reply.includes(place), reply };
    },
  },
  {
    command: '采纳 <编号>',
    async run(h, d, actor) {
      const suggestion = await h.db.suggestion.create({
        data: { memberId: d.target.id, organizationId: d.branchId, text: `建议${randomInt(1e6)}`, messageId: `suggestion-${randomInt(1e9)}` },
      });
      const reply = await exchange(h, d[actor], `采纳 ${suggestion.id}`);
      const after = await h.db.suggestion.findUniqueOrThrow({ where: { id: suggestion.id } });
      return { reached: after.adoptedAt !== null, reply };
    },
  },
];

describe('one district on the official account', () => {
  let h: OfficialAccountHarness;
  let d: District;
  beforeAll(async () => {
    h = await startOfficialAccount();
    d = await seedDistrict(h);
  });
  afterAll(async () => {
    await h.stop();
  });

describe('member commands', () => {

  it('请假 records the leave and says until when', async () => {
    expect(await h.ask(d.member.openId, '请假 30天 跑长途')).toContain('已请假到');
    const member = await h.db.member.findUniqueOrThrow({ where: { id: d.member.id } });
    expect(member.leaveUntil!.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    expect(member.leaveReason).toBe('跑长途');
  });

  it('去向 updates the whereabouts and keeps the change in the history', async () => {
    expect(await h.ask(d.member.openId, '去向 格尔木市 跑运输')).toContain('已更新您的去向');
    expect(await h.db.member.findUniqueOrThrow({ where: { id: d.member.id } })).toMatchObject({ residence: '格尔木市', workplace: '跑运输' });
    expect(await h.db.whereaboutsReport.findFirst({ where: { memberId: d.member.id }, orderBy: { at: 'desc' } })).toMatchObject({ residence: '格尔木市', source: 'MEMBER' });
  });

  it('报名 answers the invitation the secretary sent through the account', async () => {
    const title = `主题党日${randomInt(1e6)}`;
    // The member wrote today: the invitation goes out as a 客服消息 in their window.
    await h.ask(d.member.openId, '我的');
    expect(await confirmed(h, d.secretary, `活动 ${title} ${activityTimeIn(30)} 党群服务中心`)).toContain('已确认');
    await h.waitForSent((m) => m.openId === d.member.openId && textOf(m).includes(title));
    const activity = await h.db.activity.findFirstOrThrow({ where: { title } });
    expect(await h.ask(d.member.openId, `报名 ${activity.id}`)).toContain(`报名成功！「${title}」`);
    expect(await h.db.rsvp.findUnique({ where: { activityId_memberId: { activityId: activity.id, memberId: d.member.id } } })).toMatchObject({ status: 'YES' });
  });

  it('已学 confirms the 学习包 pushed through the account, once', async () => {
    const title = `学习包${randomInt(1e6)}`;
    await h.ask(d.target.openId, '我的');
    await confirmed(h, d.secretary, `学习包 ${title} https://example.org/study`);
    await exchange(h, d.secretary, '立即发送');
    await h.waitForSent((m) => m.openId === d.target.openId && textOf(m).includes(title));
    await waitFor(async () => (await h.db.delivery.count({ where: { memberId: d.target.id, status: 'SENT', broadcast: { studyPack: { title } } } })) === 1);
    expect(await h.ask(d.target.openId, '已学')).toContain(`「${title}」已打卡`);
    await h.ask(d.target.openId, '已学');
    expect(await h.db.studyConfirmation.count({ where: { memberId: d.target.id, studyPack: { title } } })).toBe(1);
  });

  it('建议 is kept for the branch and listed for its secretary', async () => {
    const text = `周末开放自习室${randomInt(1e6)}`;
    expect(await h.ask(d.member.openId, `建议 ${text}`)).toContain('谢谢您的建议');
    expect(await h.db.suggestion.findFirst({ where: { memberId: d.member.id, text } })).toMatchObject({ organizationId: d.branchId });
    expect(await exchange(h, d.secretary, '建议列表')).toContain(text);
  });
});

describe('authorisation: secretary commands × who sends them', () => {
  for (const testCase of cases) {
    for (const actor of actors) {
      const allowed = actor === 'secretary';
      it(`${testCase.command} × ${actor}: ${allowed ? 'reaches' : 'does not reach'} the branch`, async () => {
        const { reached, reply } = await testCase.run(h, d, actor);
        expect(reached, reply).toBe(allowed);
        if (actor === 'member') expect(reply).toContain('无权限');
      });
    }
  }
});

});

describe('two processes serving one official account behind one proxy', () => {
  let h: OfficialAccountHarness | undefined;
  let other: OfficialAccountProcess | undefined;
  afterEach(async () => {
    await other?.assistant.stop();
    await h?.stop();
    h = other = undefined;
  });

  it('handles a message and a click once when WeChat retries them to the other process', async () => {
    h = await startOfficialAccount();
    other = await startAnotherProcess(h);
    const { member } = await seedDistrict(h);
    const createTime = Math.floor(Date.now() / 1000);
    h.wechat.userMessage(member.openId);
    expect((await h.callbacks.text(member.openId, '签到', { msgId: '7000000000001', createTime })).body).toBe('success');
    expect((await other.callbacks.text(member.openId, '签到', { msgId: '7000000000001', createTime })).body).toBe('success');
    h.wechat.userEvent(member.openId);
    expect((await other.callbacks.click(member.openId, '我的', { createTime: createTime + 1 })).body).toBe('success');
    expect((await h.callbacks.click(member.openId, '我的', { createTime: createTime + 1 })).body).toBe('success');
    await h.waitForSent((m) => m.openId === member.openId && textOf(m).includes('签到'));
    await Promise.all([h.settle(), other.assistant.idle()]);
    expect(await h.db.checkIn.count({ where: { memberId: member.id } })).toBe(1);
    expect(await h.db.inboundMessage.count({ where: { contactId: member.openId } })).toBe(2);
    const replies = h.received(member.openId).map(textOf);
    expect(replies, replies.join('\n---\n')).toHaveLength(2);
    expect(replies.filter((text) => text.includes('签到成功'))).toHaveLength(1);
  });

  it('shares the member’s window (5 客服消息 after one message, across both) and fetches the token once', async () => {
    // Five 通知 in a day: the member's daily cap must not hold them back.
    h = await startOfficialAccount({ DAILY_MESSAGE_CAP: '50' });
    other = await startAnotherProcess(h);
    const { secretary, member } = await seedDistrict(h);
    // The member writes once, to one process; the secretary's five 通知 go through the other.
    h.wechat.userMessage(member.openId);
    await h.callbacks.text(member.openId, '签到');
    const secretaryOn = { ...h, say: async (openId: string, text: string) => {
      h!.wechat.userMessage(openId);
      await other!.callbacks.text(openId, text);
    } };
    for (let i = 1; i <= 5; i++) await confirmed(secretaryOn, secretary, `通知 第${i}次通知`);
    await waitFor(async () => (await h!.db.delivery.count({ where: { memberId: member.id, OR: [{ status: 'SENT' }, { awaitingSince: { not: null } }] } })) === 5, 20_000);
    await Promise.all([h.settle(), other.assistant.idle()]);

    const toMember = h.received(member.openId);
    expect(toMember.map(textOf).join('\n---\n')).toContain('签到成功');
    expect(toMember).toHaveLength(5);
    expect(toMember.every((m) => m.type === 'custom')).toBe(true);
    expect(await h.db.delivery.count({ where: { memberId: member.id, status: 'QUEUED', awaitingSince: { not: null } } })).toBe(1);
    // No process tried a 6th: WeChat refused no 客服消息.
    expect(h.wechat.calls['/cgi-bin/message/custom/send']).toBe(h.wechat.sent.filter((m) => m.type === 'custom').length);
    expect(h.wechat.calls['/cgi-bin/stable_token']).toBe(1);
  });
});
