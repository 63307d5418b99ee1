import { randomInt, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activityStatsText, organizationStatsText } from '../src/commands/check-in/stats.ts';
import { getActivityStats } from '../src/domain/activities/get-activity-stats.ts';
import { getOrganizationCheckInStats, weekStartOf } from '../src/domain/check-in/get-organization-check-in-stats.ts';
import { addDays, dayToDate, localDay, zonedTime } from '../src/domain/shared/local-day.ts';
import { startHarness, type Harness, type SentMessage } from './support/harness.ts';
import { bindDirectly, seedBranch, type SeededMember } from './support/seed.ts';

type Contact = ReturnType<Harness['world']['createContact']>;

describe('统计', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  /** Sends a direct message and returns the first later message to that contact that matches. */
  async function ask(
    contact: Contact,
    text: string,
    options: { match?: (message: SentMessage) => boolean; timestamp?: number } = {},
  ): Promise<string> {
    const before = h.sent.length;
    h.world.deliver({ from: contact, text, ...(options.timestamp ? { timestamp: options.timestamp } : {}) });
    const reply = await h.waitForSent(
      (m) => m.conversationId === contact.id && h.sent.indexOf(m) >= before && (options.match?.(m) ?? true),
    );
    return reply.text;
  }

  /** A seeded branch whose members (but those listed as unbound) have a WeChat contact bound. */
  async function branchWithContacts(names: string[], options: { unbound?: string[] } = {}) {
    const branch = await seedBranch(h.db, [{ name: '书记', role: 'SECRETARY' }, ...names.map((name) => ({ name }))]);
    const contacts = new Map<string, { member: SeededMember; contact: Contact }>();
    for (const [index, member] of branch.members.entries()) {
      const short = index === 0 ? '书记' : names[index - 1]!;
      const contact = h.world.createContact(short);
      if (!options.unbound?.includes(short)) await bindDirectly(h.db, contact.id, member.id);
      contacts.set(short, { member, contact });
    }
    const get = (short: string) => contacts.get(short)!;
    return { branch, get };
  }

  /** Creates an activity the way a secretary does: 活动 … then 确认; returns its number. */
  async function createActivity(secretary: Contact): Promise<number> {
    const preview = await ask(secretary, '活动 测试活动 明天下午3点 社区 说明', { match: (m) => m.text.includes('请确认活动') });
    const id = Number(/编号 (\d+)/.exec(preview)?.[1]);
    expect(id).toBeGreaterThan(0);
    const confirmed = await ask(secretary, '确认', { match: (m) => m.text.startsWith('已确认') });
    expect(confirmed).toContain(`编号 ${id}`);
    await h.settle();
    return id;
  }

  it('统计 <编号>: invited, delivered, 报名, attended, and who has not answered', async () => {
    const { get } = await branchWithContacts(['甲', '乙', '丙', '丁', '戊'], { unbound: ['戊'] });
    const secretary = get('书记').contact;
    const activityId = await createActivity(secretary);

    expect(await ask(get('甲').contact, '报名', { match: (m) => m.text.includes('报名成功') })).toContain('测试活动');
    expect(await ask(get('乙').contact, `报名 ${activityId}`, { match: (m) => m.text.includes('报名成功') })).toContain('测试活动');
    await ask(get('丙').contact, '报名', { match: (m) => m.text.includes('报名成功') });
    await ask(get('丙').contact, '取消报名', { match: (m) => m.text.includes('已取消报名') });
    await h.db.attendance.create({ data: { activityId, memberId: get('甲').member.id, at: new Date() } });

    const reply = await ask(secretary, `统计 ${activityId}`, { match: (m) => m.text.includes('📊') });

    // The whole branch is invited, not the secretary who leads it (issue 16): 5 members, 戊 has no WeChat bound.
    expect(reply).toContain(`「测试活动」（编号 ${activityId}）`);
    expect(reply).toContain('状态：未开始'); // tomorrow: its check-in window is not open yet
    expect(reply).toContain('邀请 5 人：已送达 4，未绑定微信 1');
    expect(reply).toMatch(new RegExp(`报名 2 人：(${get('甲').member.name}、${get('乙').member.name}|${get('乙').member.name}、${get('甲').member.name})（另有 1 人取消报名）`));
    expect(reply).toContain(`出席 1 人：${get('甲').member.name}`);
    expect(reply).toContain('未回复 2 人（其中 1 人未绑定微信，收不到邀请）');
    const unanswered = reply.split('\n').find((line) => line.startsWith('未回复'))!;
    for (const who of ['丁', '戊']) expect(unanswered).toContain(get(who).member.name);
    for (const who of ['甲', '乙', '丙', '书记']) expect(unanswered).not.toContain(get(who).member.name);
    expect(reply).not.toContain(get('书记').member.name);

    const stats = await getActivityStats(h.db, { activityId, nameLimit: 1 });
    expect(stats).toMatchObject({
      invited: 5,
      delivered: 4,
      unreachable: 1,
      pending: 0,
      failed: 0,
      rsvpYes: 2,
      rsvpCancelled: 1,
      attended: 1,
      unanswered: 2,
      unansweredUnreachable: 1,
    });
    expect(stats!.unansweredNames).toHaveLength(1);
    expect(activityStatsText(stats!, { now: new Date(), timeZone: h.config.APP_TIME_ZONE, window: { opensMinutes: 30, closesMinutes: 120 } })).toMatch(/…等 2 人$/);
    expect(await getActivityStats(h.db, { activityId: 2_000_000_000, nameLimit: null })).toBeNull();
  });

  it('统计 <编号> shows a cancelled activity as 已取消', async () => {
    const { get } = await branchWithContacts(['甲']);
    const secretary = get('书记').contact;
    const activityId = await createActivity(secretary);
    await ask(secretary, `取消活动 ${activityId}`, { match: (m) => m.text.includes('已取消「') });

    const reply = await ask(secretary, `统计 ${activityId}`, { match: (m) => m.text.includes('📊') });
    expect(reply).toContain('状态：已取消');
    expect(reply).toContain('邀请 1 人');
  });

  it('统计: today’s check-in rate of the organisation and below, and who has not checked in this week', async () => {
    const { branch, get } = await branchWithContacts(['甲', '乙', '丙', '丁'], { unbound: ['丁'] });
    // A sub-organisation counts toward its parent.
    const group = await h.db.organization.create({
      data: { name: '第一小组', path: `${branch.path}/第一小组`, parentId: branch.organizationId },
    });
    const wu = await h.db.member.create({
      data: { name: `戊${randomInt(1e9).toString(36)}`, phone: `1${String(randomInt(1e10)).padStart(10, '0')}`, organizationId: group.id },
    });
    const wuContact = h.world.createContact('戊');
    await bindDirectly(h.db, wuContact.id, wu.id);
    // Another branch's check-ins do not count.
    const other = await branchWithContacts(['外']);

    // "Today" is a Wednesday in the future, so the week has a Monday and a Sunday before it.
    const timeZone = h.config.APP_TIME_ZONE;
    let wednesday = addDays(localDay(new Date(), timeZone), 1);
    while (dayToDate(wednesday).getUTCDay() !== 3) wednesday = addDays(wednesday, 1);
    const at = zonedTime(wednesday, 10, 0, timeZone).getTime();
    const monday = addDays(wednesday, -2);
    expect(weekStartOf(wednesday)).toBe(monday);
    expect(weekStartOf(monday)).toBe(monday);
    expect(weekStartOf(addDays(monday, -1))).toBe(addDays(monday, -7));

    await ask(get('甲').contact, '签到', { timestamp: at, match: (m) => m.text.includes('签到成功') });
    await ask(wuContact, '签到', { timestamp: at + 1000, match: (m) => m.text.includes('签到成功') });
    await ask(other.get('外').contact, '签到', { timestamp: at + 2000, match: (m) => m.text.includes('签到成功') });
    const earlier = (memberId: number, day: string) =>
      h.db.checkIn.create({ data: { memberId, day: dayToDate(day), at: zonedTime(day, 9, 0, timeZone), messageId: randomUUID() } });
    await earlier(get('乙').member.id, monday); // this week
    await earlier(get('丙').member.id, addDays(monday, -1)); // last week's Sunday

    const reply = await ask(get('书记').contact, '统计', { timestamp: at + 60_000, match: (m) => m.text.includes('📊') });

    const [, month, date] = wednesday.split('-').map(Number);
    const [, mondayMonth, mondayDate] = monday.split('-').map(Number);
    expect(reply).toContain(`${branch.path}（含下级组织）`);
    expect(reply).toContain(`今日（${month}月${date}日）签到：2/5（40%）`);
    expect(reply).toContain(`本周（${mondayMonth}月${mondayDate}日起）已签到 3 人，未签到 2 人（其中 1 人未绑定微信，无法签到）`);
    for (const who of ['丙', '丁']) expect(reply).toContain(get(who).member.name);
    // The secretary leads the branch: not one of its members to count (issue 16).
    for (const who of ['甲', '乙', '书记']) expect(reply).not.toContain(get(who).member.name);
    expect(reply).not.toContain(wu.name);
    expect(reply).not.toContain(other.get('外').member.name);

    const stats = await getOrganizationCheckInStats(h.db, { organizationPath: branch.path, today: wednesday, weekStart: monday, nameLimit: 1 });
    expect(stats).toMatchObject({
      members: 5,
      checkedInToday: 2,
      checkedInThisWeek: 3,
      notCheckedInThisWeek: 2,
      notCheckedInThisWeekUnbound: 1,
    });
    expect(stats.notCheckedInNames).toHaveLength(1);
    expect(organizationStatsText(stats, { organizationPath: branch.path, today: wednesday, weekStart: monday })).toMatch(/…等 2 人$/);
  });

  it('refuses members, group chats, and secretaries of another branch; explains a bad or unknown number', async () => {
    const { get } = await branchWithContacts(['甲']);
    const secretary = get('书记').contact;
    const activityId = await createActivity(secretary);

    expect(await ask(get('甲').contact, '统计')).toContain('无权限');
    expect(await ask(get('甲').contact, `统计 ${activityId}`)).toContain('无权限');

    const room = h.world.createRoom('支部群', [secretary]);
    secretary.say('统计').to(room);
    expect((await h.waitForSent((m) => m.conversationId === room.id)).text).toContain('请私聊我');

    const other = await branchWithContacts([]);
    expect(await ask(other.get('书记').contact, `统计 ${activityId}`)).toBe('无权限：这不是您所在组织的活动。');

    expect(await ask(secretary, '统计 2000000000')).toContain('没有找到编号为 2000000000 的活动');
    expect(await ask(secretary, '统计 abc')).toContain('请写上活动编号');
  });

  it('answers "not found" to a number too large to be an activity number, for 统计 and 取消活动', async () => {
    const { get } = await branchWithContacts(['甲']);
    const secretary = get('书记').contact;

    expect(await ask(secretary, '统计 99999999999')).toBe('没有找到编号为 99999999999 的活动，请核对编号。');
    expect(await ask(secretary, '统计 2147483648')).toBe('没有找到编号为 2147483648 的活动，请核对编号。');
    expect(await ask(secretary, '取消活动 99999999999')).toBe('没有编号为 99999999999 的活动。');
  });

  it('lets an admin see the activities of their organisation and below, not of another district', async () => {
    const { branch, get } = await branchWithContacts(['甲']);
    const activityId = await createActivity(get('书记').contact);
    const { parentId: districtId } = await h.db.organization.findUniqueOrThrow({ where: { id: branch.organizationId } });
    const adminAbove = h.world.createContact('区管理员');
    const districtAdmin = await h.db.member.create({
      data: { name: `区管理员${activityId}`, phone: `1${String(Date.now()).slice(-10)}`, role: 'ADMIN', organizationId: districtId! },
    });
    await bindDirectly(h.db, adminAbove.id, districtAdmin.id);
    const elsewhere = await seedBranch(h.db, [{ name: '管理员', role: 'ADMIN' }]);
    const adminElsewhere = h.world.createContact('管理员');
    await bindDirectly(h.db, adminElsewhere.id, elsewhere.members[0]!.id);

    const reply = await ask(adminAbove, `统计 编号${activityId}`);
    expect(reply).toContain(`「测试活动」（编号 ${activityId}）`);
    expect(reply).toContain(get('甲').member.name);
    const refused = await ask(adminElsewhere, `统计 编号${activityId}`);
    expect(refused).toContain('无权限');
    expect(refused).not.toContain(get('甲').member.name);
  });
});
