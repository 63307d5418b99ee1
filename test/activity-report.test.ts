import { afterEach, describe, expect, it } from 'vitest';
import { activityPhase } from '../src/domain/activities/activity-phase.ts';
import { getActivityStats } from '../src/domain/activities/get-activity-stats.ts';
import { formatDateTime } from '../src/domain/shared/format-date-time.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

/** Issue 16: reports that agree — one set of figures, status from the clock, no number used by a dropped preview. */
const minute = 60_000;
const window = { opensMinutes: 30, closesMinutes: 120 };

describe('activity status from the clock', () => {
  const startsAt = new Date('2026-12-02T06:30:00Z');
  const at = (minutes: number) => new Date(startsAt.getTime() + minutes * minute);
  const open = { status: 'OPEN' as const, startsAt };

  it('未开始 until the check-in window opens (also later the same day), 签到中 through it, 已结束 after; 已取消 whatever the time', () => {
    expect(activityPhase(open, at(-6 * 60), window)).toBe('未开始'); // the same morning: not 进行中
    expect(activityPhase(open, at(-31), window)).toBe('未开始');
    expect(activityPhase(open, at(-30), window)).toBe('签到中');
    expect(activityPhase(open, at(0), window)).toBe('签到中');
    expect(activityPhase(open, at(120), window)).toBe('签到中');
    expect(activityPhase(open, at(121), window)).toBe('已结束');
    expect(activityPhase({ status: 'CANCELLED', startsAt }, at(-60), window)).toBe('已取消');
    expect(activityPhase({ status: 'CANCELLED', startsAt }, at(60), window)).toBe('已取消');
    expect(activityPhase({ status: 'DRAFT', startsAt }, at(-60), window)).toBe('待确认');
  });

  it('dates read 12月2日 14:30, with the year only when it is not this year', () => {
    const timeZone = 'Asia/Shanghai';
    expect(formatDateTime(startsAt, { now: new Date('2026-03-01T00:00:00Z'), timeZone })).toBe('12月2日 14:30');
    expect(formatDateTime(new Date('2026-01-05T01:05:00Z'), { now: new Date('2027-02-01T00:00:00Z'), timeZone })).toBe('2026年1月5日 9:05');
  });
});

describe('one report of an activity', () => {
  let h: Harness;
  afterEach(async () => {
    await h.stop();
  });

  it('attendance counts as an answer; 报名, 出席 and 未回复 are listed by name, collapsed after 20 in chat', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 24);
    const preview = await h.ask(secretary, '活动 主题党日 明天下午3点 党群服务中心');
    const id = Number(/编号 (\d+)/.exec(preview)![1]);
    await h.ask(secretary, '确认');
    await h.settle();
    const [rsvp, walkIn, both] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    await h.ask(rsvp.contact, `报名 ${id}`);
    await h.ask(both.contact, `报名 ${id}`);
    for (const m of [walkIn, both]) await h.db.attendance.create({ data: { activityId: id, memberId: m.row.id, at: new Date() } });

    const stats = (await getActivityStats(h.db, { activityId: id, nameLimit: null }))!;
    expect(stats).toMatchObject({ invited: 24, rsvpYes: 2, attended: 2, unanswered: 21 });
    expect(stats.rsvpNames.sort()).toEqual([rsvp.row.name, both.row.name].sort());
    expect(stats.attendedNames.sort()).toEqual([walkIn.row.name, both.row.name].sort());
    expect(stats.unansweredNames).toHaveLength(21);
    expect(stats.unansweredNames).not.toContain(walkIn.row.name);

    const reply = await h.ask(secretary, `统计 ${id}`);
    expect(reply).toContain('状态：未开始');
    expect(reply).toMatch(new RegExp(`报名 2 人：(${rsvp.row.name}|${both.row.name})、`));
    expect(reply).toMatch(new RegExp(`出席 2 人：(${walkIn.row.name}|${both.row.name})、`));
    const unanswered = reply.split('\n').find((line) => line.startsWith('未回复'))!;
    expect(unanswered).toMatch(/^未回复 21 人：/);
    expect(unanswered).toMatch(/…等 21 人$/);
    expect(unanswered.split('：')[1]!.split('、')).toHaveLength(20);
    expect(unanswered).not.toContain(walkIn.row.name);
  });

  it('a preview answered 取消 leaves no activity and uses no number', async () => {
    h = await startHarness();
    const { secretary } = await seedBranchWithPeople(h, 1);
    const first = await h.ask(secretary, '活动 作废的活动 明天下午3点 社区');
    const number = Number(/编号 (\d+)/.exec(first)![1]);
    expect(await h.ask(secretary, '取消')).toContain('已作废');
    expect(await h.db.activity.count({ where: { id: number } })).toBe(0);
    expect(await h.db.broadcast.count({ where: { activityId: number } })).toBe(0);

    const second = await h.ask(secretary, '活动 真正的活动 明天下午3点 社区');
    expect(second).toContain(`编号 ${number}`);
  });
});
