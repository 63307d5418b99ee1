import { randomInt } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityReminders } from '../jobs/activity-reminders.ts';
import { createRedis } from '../src/queues/redis.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, seedBranchWithPeople } from './support/seed.ts';

const hour = 3600_000;

let h: Harness;
afterEach(async () => {
  await h.stop();
});


async function activityNumber(preview: string): Promise<number> {
  const match = /编号 (\d+)/.exec(preview);
  expect(match, preview).not.toBeNull();
  return Number(match![1]);
}

describe('活动: preview → 确认 → delivery', () => {
  it('previews without sending, then invites every member and the group once on 确认', async () => {
    h = await startHarness();
    const { secretary, members, room, unbound } = await seedBranchWithPeople(h, 3, { unbound: 1 });

    const preview = await h.ask(secretary, '活动 十二月主题党日 明天下午3点 祁连路社区党群服务中心 学习全会精神');
    expect(preview).toContain('请确认活动');
    expect(preview).toContain('十二月主题党日');
    expect(preview).toContain('祁连路社区党群服务中心');
    expect(preview).toContain('3 名党员'); // the members, not the secretary who leads them (issue 16)
    expect(preview).toContain('1 个群');
    expect(preview).toContain('1 人未绑定微信');
    const id = await activityNumber(preview);
    await h.settle();
    for (const { contact } of members) expect(h.received(contact.id)).toHaveLength(0);

    const confirmed = await h.ask(secretary, '确认');
    expect(confirmed).toContain('已确认');
    await h.settle();

    for (const { contact } of members) {
      const invitations = h.received(contact.id);
      expect(invitations).toHaveLength(1);
      expect(invitations[0]!.text).toContain('【活动邀请】十二月主题党日');
      expect(invitations[0]!.text).toContain(`报名 ${id}`);
    }
    expect(h.received(room.id).filter((m) => m.text.includes('【活动邀请】'))).toHaveLength(1);
    const deliveries = await h.db.delivery.findMany({ where: { broadcast: { activityId: id } } });
    expect(deliveries.filter((d) => d.status === 'SENT')).toHaveLength(4); // 3 members and the group; not the secretary
    expect(deliveries.filter((d) => d.status === 'FAILED').map((d) => d.memberId)).toEqual([unbound[0]!.id]);
    expect((await h.db.activity.findUniqueOrThrow({ where: { id } })).status).toBe('OPEN');
  });

  it('取消 after a preview sends nothing, and a later 确认 has nothing to confirm', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 2);

    await h.ask(secretary, '通知 本周六上午环境整治志愿服务');
    expect(await h.ask(secretary, '取消')).toContain('已作废');
    expect(await h.ask(secretary, '确认')).toContain('没有待确认');
    await h.settle();

    for (const { contact } of members) expect(h.received(contact.id)).toHaveLength(0);
  });

  it('通知 goes out as a notice without 报名', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 2);

    const preview = await h.ask(secretary, '通知 本周六上午环境整治志愿服务，请大家积极参加');
    expect(preview).toContain('请确认通知');
    await h.ask(secretary, '确认');
    await h.settle();

    for (const { contact } of members) {
      expect(h.received(contact.id).map((m) => m.text)).toEqual(['【通知】本周六上午环境整治志愿服务，请大家积极参加']);
    }
  });

  it('invites only members with the target tag', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 3);
    await h.db.member.update({ where: { id: members[0]!.row.id }, data: { tags: ['志愿者'] } });

    const preview = await h.ask(secretary, '活动@志愿者 环境整治 明天上午9点 小区门口');
    expect(preview).toContain('1 名党员');
    expect(preview).toContain('标签「志愿者」');
    await h.ask(secretary, '确认');
    await h.settle();

    expect(h.received(members[0]!.contact.id)).toHaveLength(1);
    expect(h.received(members[1]!.contact.id)).toHaveLength(0);
    expect(h.received(members[2]!.contact.id)).toHaveLength(0);
  });
});

describe('who may send', () => {
  it('a member gets 无权限 and nothing is created', async () => {
    h = await startHarness();
    const { members } = await seedBranchWithPeople(h, 2);
    const member = members[0]!;

    expect(await h.ask(member.contact, '活动 测试 明天下午3点 社区')).toContain('无权限');
    expect(await h.db.activity.count({ where: { createdById: member.row.id } })).toBe(0);
  });

  it("a secretary's invitation reaches their own branch only; an admin's reaches every branch below", async () => {
    h = await startHarness();
    const ours = await seedBranchWithPeople(h, 1);
    const theirs = await seedBranchWithPeople(h, 1);

    await h.ask(theirs.secretary, '活动 别的支部活动 明天下午3点 别处');
    await h.ask(theirs.secretary, '确认');
    await h.settle();
    expect(h.received(ours.members[0]!.contact.id)).toHaveLength(0);
    expect(h.received(theirs.members[0]!.contact.id)).toHaveLength(1);

    // An admin at the root of our branch's tree reaches our members.
    const root = ours.branch.path.split('/')[0]!;
    const rootOrganization = await h.db.organization.findUniqueOrThrow({ where: { path: root } });
    const admin = await h.db.member.create({
      data: { name: '管理员', phone: `199${String(randomInt(1e8)).padStart(8, '0')}`, role: 'ADMIN', organizationId: rootOrganization.id },
    });
    const adminContact = h.world.createContact('管理员');
    await bindDirectly(h.db, adminContact.id, admin.id);
    await h.ask(adminContact, '通知 全区通知');
    await h.ask(adminContact, '确认');
    await h.settle();
    expect(h.received(ours.members[0]!.contact.id).map((m) => m.text)).toContain('【通知】全区通知');
  });

  it('a secretary of another branch may not cancel our activity', async () => {
    h = await startHarness();
    const ours = await seedBranchWithPeople(h, 1);
    const theirs = await seedBranchWithPeople(h, 1);
    const id = await activityNumber(await h.ask(ours.secretary, '活动 我们的活动 明天下午3点 社区'));
    await h.ask(ours.secretary, '确认');

    expect(await h.ask(theirs.secretary, `取消活动 ${id}`)).toContain('无权限');
    expect((await h.db.activity.findUniqueOrThrow({ where: { id } })).status).toBe('OPEN');
  });
});

describe('activity time', () => {
  it.each([
    ['活动 主题党日 明天3点 社区', '凌晨3点还是下午3点'],
    ['活动 主题党日 13月40日14:30 社区', '13月40日'],
    ['活动 主题党日 社区 学习', '没有找到活动时间'],
  ])('%s → says what was not understood and creates nothing', async (text, expected) => {
    h = await startHarness();
    const { secretary, secretaryRow } = await seedBranchWithPeople(h, 1);

    expect(await h.ask(secretary, text)).toContain(expected);
    expect(await h.db.activity.count({ where: { createdById: secretaryRow.id } })).toBe(0);
  });

  it('refuses a time in the past', async () => {
    h = await startHarness();
    const { secretary, secretaryRow } = await seedBranchWithPeople(h, 1);
    expect(await h.ask(secretary, '活动 主题党日 2020-01-01 14:30 社区')).toContain('已经过去');
    expect(await h.db.activity.count({ where: { createdById: secretaryRow.id } })).toBe(0);
  });
});

describe('报名 and attendance', () => {
  it('报名, a second 报名, 取消报名; with two open activities the number is needed', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 1);
    const member = members[0]!;
    const first = await activityNumber(await h.ask(secretary, '活动 第一个活动 明天下午3点 社区'));
    await h.ask(secretary, '确认');
    await h.settle();

    expect(await h.ask(member.contact, '报名')).toContain('报名成功');
    expect(await h.ask(member.contact, '报名')).toContain('不用重复报名');
    expect(await h.ask(member.contact, '取消报名')).toContain('已取消报名');
    expect((await h.db.rsvp.findFirstOrThrow({ where: { activityId: first, memberId: member.row.id } })).status).toBe('CANCELLED');

    const second = await activityNumber(await h.ask(secretary, '活动 第二个活动 后天上午9点 社区'));
    await h.ask(secretary, '确认');
    await h.settle();
    const ambiguous = await h.ask(member.contact, '报名');
    expect(ambiguous).toContain('多个活动');
    expect(ambiguous).toContain(String(second));
    expect(await h.ask(member.contact, `报名 ${second}`)).toContain('第二个活动');
    expect(await h.db.rsvp.count({ where: { memberId: member.row.id, status: 'YES' } })).toBe(1);
  });

  it('签到 with the on-site code counts as attendance from 30 minutes before to 2 hours after the start, not outside', async () => {
    h = await startHarness();
    const { branch, secretaryRow, members } = await seedBranchWithPeople(h, 4);
    const startsAt = new Date(Date.now() + 5 * hour);
    const activity = await h.db.activity.create({
      data: { organizationId: branch.organizationId, title: '主题党日', startsAt, place: '社区', status: 'OPEN', createdById: secretaryRow.id },
    });
    expect(activity.checkInCode).toMatch(/^\d{4}$/);
    const minutes = [-31, -29, 119, 121];
    members.forEach(({ contact }, i) =>
      h.world.deliver({ from: contact, text: `签到 ${activity.checkInCode}`, timestamp: startsAt.getTime() + minutes[i]! * 60_000 }),
    );
    await h.settle();

    const attended = await h.db.attendance.findMany({ where: { activityId: activity.id } });
    expect(attended.map((a) => a.memberId).sort()).toEqual([members[1]!.row.id, members[2]!.row.id].sort());
    expect(h.received(members[1]!.contact.id)[0]!.text).toContain('已记录您出席「主题党日」');
  });

  it('a remote 签到 is not attendance: it needs the code from the preview, in a direct chat, and the right one', async () => {
    h = await startHarness();
    const { secretary, members, room } = await seedBranchWithPeople(h, 4);
    const preview = await h.ask(secretary, '活动 主题党日 后天下午3点 社区');
    const id = await activityNumber(preview);
    const code = /现场签到码[：:]\s*(\d{4})/.exec(preview)?.[1];
    expect(code, preview).toMatch(/^\d{4}$/);
    await h.ask(secretary, '确认');
    await h.settle();
    const [remote, onSite, wrongCode, inGroup] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0], (typeof members)[0]];
    // Members' invitations (and the group's) do not give the code away.
    for (const conversation of [remote.contact.id, room.id]) {
      expect(h.received(conversation).some((m) => m.text.includes(`签到码：${code}`) || m.text.includes(`签到 ${code}`))).toBe(false);
    }

    const during = (await h.db.activity.findUniqueOrThrow({ where: { id } })).startsAt.getTime() + 10 * 60_000;
    const otherCode = String((Number(code) + 1) % 10_000).padStart(4, '0');
    h.world.deliver({ from: remote.contact, text: '签到', timestamp: during });
    h.world.deliver({ from: onSite.contact, text: `签到 ${code}`, timestamp: during });
    h.world.deliver({ from: wrongCode.contact, text: `签到 ${otherCode}`, timestamp: during });
    h.world.deliver({ from: inGroup.contact, room, text: `签到 ${code}`, timestamp: during });
    await h.settle();

    const attended = await h.db.attendance.findMany({ where: { activityId: id }, select: { memberId: true } });
    expect(attended.map((a) => a.memberId)).toEqual([onSite.row.id]);
    // Each still counts as the day's check-in, and the code is not kept as a place.
    const checkIns = await h.db.checkIn.findMany({ where: { memberId: { in: members.map((m) => m.row.id) } } });
    expect(checkIns).toHaveLength(4);
    expect(checkIns.every((row) => row.place === null)).toBe(true);
    expect(h.received(onSite.contact.id).at(-1)!.text).toContain('已记录您出席「主题党日」');
    expect(h.received(remote.contact.id).at(-1)!.text).toContain('未记为「主题党日」出席');
    expect(h.received(wrongCode.contact.id).at(-1)!.text).toContain('签到码不对');
    const groupAnswer = await h.waitForSent((m) => m.conversationId === room.id && m.text.includes('未记为出席'));
    expect(groupAnswer.text).toContain('签到码请私聊我发送');
    expect(await h.ask(secretary, `统计 ${id}`)).toContain(`现场签到码 ${code}`);
  });
});

describe('reminders', () => {
  it('schedules reminders a day and an hour before; they reach who said 报名, the follow-up who did not answer', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 2);
    const [yes, silent] = members as [(typeof members)[0], (typeof members)[0]];
    const id = await activityNumber(await h.ask(secretary, '活动 主题党日 后天下午3点 社区'));
    await h.ask(secretary, '确认');
    await h.ask(yes.contact, '报名');
    const activity = await h.db.activity.findUniqueOrThrow({ where: { id } });

    const redis = createRedis(h.config.REDIS_URL);
    const reminders = new ActivityReminders({
      connection: redis,
      prefix: h.config.QUEUE_PREFIX,
      times: { reminderMinutes: [1440, 60], followUpMinutes: 1440 },
      now: () => new Date(),
    });
    const pending = await reminders.pending(id);
    expect(pending.map((p) => [p.kind, Math.round((activity.startsAt.getTime() - p.firesAt.getTime()) / 60_000)])).toEqual(
      expect.arrayContaining([
        ['REMINDER', 1440],
        ['FOLLOW_UP', 1440],
        ['REMINDER', 60],
      ]),
    );
    expect(pending).toHaveLength(3);

    // Fire them now instead of waiting a day.
    const queue = new Queue('activity-reminders', { connection: redis, prefix: h.config.QUEUE_PREFIX });
    for (const job of await queue.getDelayed()) await job.promote();
    await waitFor(async () => (await queue.getJobCounts('completed')).completed === 3);
    await h.settle();

    const toYes = h.received(yes.contact.id).map((m) => m.text);
    expect(toYes.filter((t) => t.startsWith('【活动提醒】'))).toHaveLength(2);
    const toSilent = h.received(silent.contact.id).map((m) => m.text);
    expect(toSilent.filter((t) => t.startsWith('【活动提醒】'))).toHaveLength(0);
    expect(toSilent.filter((t) => t.startsWith('【活动邀请】'))).toHaveLength(2); // invitation + one follow-up
    await queue.close();
    await reminders.close();
    await redis.quit();
  });

  it('取消活动 tells those who said 报名 and stops pending invitations', async () => {
    h = await startHarness({ DAILY_MESSAGE_CAP: '1' });
    const { secretary, members } = await seedBranchWithPeople(h, 2);
    const [yes, other] = members as [(typeof members)[0], (typeof members)[0]];
    await h.ask(secretary, '通知 先发一条通知'); // uses up today's cap of 1 for both members
    await h.ask(secretary, '确认');
    await h.settle();
    const id = await activityNumber(await h.ask(secretary, '活动 主题党日 后天下午3点 社区'));
    await h.ask(secretary, '确认');
    await h.settle();
    // The invitation waits for tomorrow (cap); 报名 still works via the number.
    expect(h.received(other.contact.id).filter((m) => m.text.includes('【活动邀请】'))).toHaveLength(0);
    await h.ask(yes.contact, `报名 ${id}`);

    expect(await h.ask(secretary, `取消活动 ${id}`)).toContain('已取消');
    await h.settle();

    expect(h.received(yes.contact.id).filter((m) => m.text.startsWith('【活动取消】'))).toHaveLength(1);
    expect(h.received(other.contact.id).filter((m) => m.text.startsWith('【活动取消】'))).toHaveLength(0);
    const invitations = await h.db.delivery.findMany({ where: { broadcast: { activityId: id, kind: 'INVITATION' }, memberId: { not: null } } });
    // Held invitations are dropped as soon as they come up again.
    const queue = new Queue(`outbox-${h.config.BOT_NAME}`, { connection: createRedis(h.config.REDIS_URL), prefix: h.config.QUEUE_PREFIX });
    for (const job of await queue.getDelayed()) await job.promote();
    await h.settle();
    const after = await h.db.delivery.findMany({ where: { id: { in: invitations.map((d) => d.id) } } });
    expect(after.every((d) => d.status === 'DROPPED' && d.reason === 'activity cancelled')).toBe(true);
    expect(h.received(other.contact.id).filter((m) => m.text.includes('【活动邀请】'))).toHaveLength(0);
    await queue.close();
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
