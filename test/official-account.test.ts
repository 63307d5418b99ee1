import { afterEach, describe, expect, it } from 'vitest';
import { activityScene } from '../src/domain/activities/activity-qr-scene.ts';
import { InteractionWindows } from '../src/official-account/interaction-windows.ts';
import { createRedis } from '../src/queues/redis.ts';
import { seedBranch } from './support/seed.ts';
import { followAndBind, startOfficialAccount, textOf, type OfficialAccountHarness } from './support/official-account-harness.ts';
import { waitFor } from './support/wait-for.ts';
import { createWeeklyDigests } from '../src/domain/digest/create-weekly-digests.ts';

/** The weekly digest texts written for one secretary. */
async function digestFor(oa: OfficialAccountHarness, memberId: number): Promise<string[]> {
  await createWeeklyDigests(oa.db, { now: new Date(), timeZone: oa.config.APP_TIME_ZONE, silentAfterDays: oa.config.SILENT_AFTER_DAYS });
  const rows = await oa.db.delivery.findMany({ where: { memberId, broadcast: { kind: 'DIGEST' } }, select: { text: true, broadcast: { select: { text: true } } } });
  return rows.map((row) => row.text ?? row.broadcast.text);
}

let h: OfficialAccountHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** A branch with a bound secretary and members, each with an OpenID that follows the account. */
async function branch(oa: OfficialAccountHarness, names: string[]) {
  const seeded = await seedBranch(oa.db, [{ name: '书记', role: 'SECRETARY' }, ...names.map((name) => ({ name }))]);
  const [secretary, ...members] = seeded.members;
  const openIdOf = (index: number) => `o-${seeded.organizationId}-${index}`;
  for (const [index, member] of [secretary!, ...members].entries()) await followAndBind(oa, openIdOf(index), member.id);
  return { ...seeded, secretary: { ...secretary!, openId: openIdOf(0) }, members: members.map((member, index) => ({ ...member, openId: openIdOf(index + 1) })) };
}

describe('the official account (服务号) as the channel', () => {
  it('welcomes a new follower with how to bind, binds them by name and digits, and runs 签到 and 我的 as in any chat', async () => {
    h = await startOfficialAccount();
    const seeded = await seedBranch(h.db, [{ name: '张三' }]);
    const zhang = seeded.members[0]!;
    await h.follow('o-zhang');
    expect(textOf(await h.waitForSent((m) => m.openId === 'o-zhang'))).toContain('绑定 姓名 手机号后四位');

    expect(await h.ask('o-zhang', `绑定 ${zhang.name} ${zhang.phone.slice(-4)}`)).toContain('绑定成功');
    const contact = await h.db.wechatContact.findUniqueOrThrow({ where: { id: 'o-zhang' } });
    expect(contact).toMatchObject({ memberId: zhang.id, account: h.config.BOT_NAME });
    expect(await h.ask('o-zhang', '签到')).toContain('签到成功');
    expect(await h.db.checkIn.count({ where: { memberId: zhang.id } })).toBe(1);
    expect(await h.ask('o-zhang', '我的')).toContain('签到');
    // Every reply went out as a 客服消息 inside the window the member's messages opened.
    expect(h.received('o-zhang').every((message) => message.type === 'custom')).toBe(true);
  });

  it('runs a menu click as the typed command, and handles WeChat retrying a message once', async () => {
    h = await startOfficialAccount();
    const { members } = await branch(h, ['李四']);
    const li = members[0]!;
    h.wechat.userEvent(li.openId);
    const click = await h.callbacks.click(li.openId, '签到');
    expect(click.status).toBe(200);
    // WeChat did not hear our answer in time and sends the same click again, twice.
    await click.resend();
    await click.resend();
    await h.waitForSent((m) => m.openId === li.openId);
    await h.settle();
    expect(await h.db.checkIn.count({ where: { memberId: li.id } })).toBe(1);
    expect(h.received(li.openId).map(textOf)).toEqual([expect.stringContaining('签到成功')]);
  });

  it('sends a 通知 as a 客服消息 inside the window, as a template linking to the whole text outside it, and holds it for a member without either until they write', async () => {
    h = await startOfficialAccount({ OA_TEMPLATES: JSON.stringify({ notice: { id: 'TPL_NOTICE', data: { thing1: 'title', thing2: 'org' } } }) });
    h.wechat.addTemplate('TPL_NOTICE');
    const { secretary, members } = await branch(h, ['王五', '赵六']);
    const [wang, zhao] = members as [(typeof members)[number], (typeof members)[number]];
    h.wechat.userMessage(wang.openId);
    // 王五 wrote within 48 hours (his window is open); 赵六 has not written for days.
    await h.callbacks.text(wang.openId, '你好');
    await h.waitForSent((m) => m.openId === wang.openId);

    const notice = '今晚8点线上学习全会精神，请准时参加。会议号 123456789，密码 2026。';
    expect(await h.ask(secretary.openId, `通知 ${notice}`)).toContain('确认');
    expect(await h.ask(secretary.openId, '确认')).toContain('通知');
    const toWang = await h.waitForSent((m) => m.openId === wang.openId && m.type === 'custom' && m.text.includes('今晚8点'));
    expect(toWang.type).toBe('custom');
    const toZhao = await h.waitForSent((m) => m.openId === zhao.openId);
    expect(toZhao).toMatchObject({ type: 'template', templateId: 'TPL_NOTICE' });
    // A thing field shows 20 characters at most; the link opens the whole text.
    if (toZhao.type !== 'template') throw new Error('expected a template message');
    expect([...toZhao.data.thing1!].length).toBeLessThanOrEqual(20);
    const page = await fetch(toZhao.url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(notice);
    expect((await fetch(toZhao.url!.replace(/[^/]+$/, 'x'.repeat(43)))).status).toBe(404);
  });

  it('holds a message when the window is closed and no template fits, and sends it when the member writes again', async () => {
    h = await startOfficialAccount();
    const { secretary, members } = await branch(h, ['孙七']);
    const sun = members[0]!;
    expect(await h.ask(secretary.openId, '通知 周六上午打扫社区卫生')).toContain('确认');
    await h.ask(secretary.openId, '确认');
    await waitFor(async () => (await h!.db.delivery.count({ where: { memberId: sun.id, awaitingSince: { not: null } } })) === 1);
    expect(h.received(sun.openId)).toEqual([]);
    expect(await h.db.delivery.findFirst({ where: { memberId: sun.id } })).toMatchObject({ status: 'QUEUED' });
    // The secretary's digest counts what waits for its member.
    const [digest] = await digestFor(h, secretary.id);
    expect(digest).toContain('服务号：1 条消息在等党员下次留言后发出');

    await h.say(sun.openId, '签到');
    await h.waitForSent((m) => m.openId === sun.openId && textOf(m).includes('打扫社区卫生'));
    await waitFor(async () => (await h!.db.delivery.findFirst({ where: { memberId: sun.id } }))?.status === 'SENT');
    expect(h.received(sun.openId).filter((m) => textOf(m).includes('打扫社区卫生'))).toHaveLength(1);
  });

  it('marks a member who unfollowed as unreachable: nothing more goes to them, and their secretary is told once, by name', async () => {
    h = await startOfficialAccount();
    const { secretary, members } = await branch(h, ['周八']);
    const zhou = members[0]!;
    h.wechat.unfollow(zhou.openId);
    expect((await h.callbacks.event(zhou.openId, 'unsubscribe')).body).toBe('success');
    // The notice waits for the secretary's window: they write to the account.
    await h.say(secretary.openId, '我的');
    const told = await h.waitForSent((m) => m.openId === secretary.openId && textOf(m).includes(zhou.name));
    expect(textOf(told)).toContain('取消关注');
    expect(await h.db.wechatContact.findUniqueOrThrow({ where: { id: zhou.openId } })).toMatchObject({ unreachableAt: expect.any(Date) });

    await h.ask(secretary.openId, '通知 本周五交党费');
    await h.ask(secretary.openId, '确认');
    await h.settle();
    expect(h.received(zhou.openId)).toEqual([]);
    expect(await h.db.delivery.findFirst({ where: { memberId: zhou.id, broadcast: { text: { contains: '交党费' } } } })).toMatchObject({
      status: 'FAILED',
      reason: expect.stringContaining('unreachable'),
    });
    // 关心关爱 lists them among the members the bot cannot reach.
    expect(await h.ask(secretary.openId, '失联预警')).toContain(zhou.name);
    expect(h.received(secretary.openId).filter((m) => textOf(m).includes(zhou.name) && textOf(m).includes('取消关注'))).toHaveLength(1);
  });

  it('records attendance when a bound member scans the activity QR code in its check-in window, and explains why not otherwise', async () => {
    const clock = { now: new Date() };
    h = await startOfficialAccount({}, { now: () => clock.now });
    const { secretary, members, organizationId } = await branch(h, ['吴九']);
    const other = await branch(h, ['郑十']);
    const wu = members[0]!;
    const startsAt = new Date(clock.now.getTime() + 10 * 60_000);
    const activity = await h.db.activity.create({
      data: { organizationId, title: '主题党日', startsAt, place: '党群服务中心', status: 'OPEN', createdById: secretary.id },
    });
    h.wechat.userEvent(wu.openId);
    await h.callbacks.scan(wu.openId, activityScene(activity.id));
    expect(textOf(await h.waitForSent((m) => m.openId === wu.openId))).toContain('出席「主题党日」');
    expect(await h.db.attendance.count({ where: { activityId: activity.id, memberId: wu.id } })).toBe(1);

    // 郑十 of another branch scans the same code: told why, nothing recorded.
    const zheng = other.members[0]!;
    h.wechat.userEvent(zheng.openId);
    await h.callbacks.scan(zheng.openId, activityScene(activity.id));
    expect(textOf(await h.waitForSent((m) => m.openId === zheng.openId))).toContain('不在邀请范围');

    // A day later the window has closed.
    clock.now = new Date(clock.now.getTime() + 24 * 3_600_000);
    h.wechat.userEvent(wu.openId);
    await h.callbacks.scan(wu.openId, activityScene(activity.id));
    await h.waitForSent((m) => m.openId === wu.openId && textOf(m).includes('不在签到时间内'));
    await h.settle();
    expect(await h.db.attendance.count({ where: { activityId: activity.id } })).toBe(1);

    // A stranger who follows by scanning is asked to bind first.
    h.wechat.follow('o-stranger');
    h.wechat.userEvent('o-stranger');
    await h.callbacks.event('o-stranger', 'subscribe', { scene: activityScene(activity.id) });
    expect(textOf(await h.waitForSent((m) => m.openId === 'o-stranger'))).toContain('请先绑定');
  });
});

describe('the 客服消息 windows kept for WeChat', () => {
  it('gives each new message (two in one second too) a fresh count of 5, and a retried one none', async () => {
    const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const windows = new InteractionWindows({ redis, prefix: `test-windows-${Date.now()}`, account: 'oa' });
    const at = new Date();
    const takeAll = async () => {
      let taken = 0;
      while (await windows.takeSend('o-member', at)) taken += 1;
      return taken;
    };
    await windows.opened('o-member', 'message', at, 'msg-1');
    expect(await takeAll()).toBe(5);
    await windows.opened('o-member', 'message', at, 'msg-2'); // the same second
    expect(await takeAll()).toBe(5);
    await windows.opened('o-member', 'message', at, 'msg-2'); // WeChat's retry of it
    expect(await takeAll()).toBe(0);
    await redis.quit();
  });
});
