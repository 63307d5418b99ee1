import { afterEach, describe, expect, it } from 'vitest';
import { parseLeaveRequest } from '../src/domain/leave/parse-leave.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { careBranch, day, runSilentScan } from './support/care-branch.ts';

const timeZone = 'Asia/Shanghai';

describe('请假 parsing', () => {
  // 2026-11-30 10:00 in Shanghai.
  const now = new Date('2026-11-30T02:00:00Z');

  it('reads days and dates, through the end of the last local day', () => {
    expect(parseLeaveRequest('30天 跑长途', now, timeZone)).toEqual({
      outcome: 'ok', lastDay: '2026-12-29', until: new Date('2026-12-29T16:00:00Z'), reason: '跑长途',
    });
    expect(parseLeaveRequest('到12月31日 外出务工', now, timeZone)).toMatchObject({ outcome: 'ok', lastDay: '2026-12-31', reason: '外出务工' });
    // Without a year: the next such day, here next year.
    expect(parseLeaveRequest('到1月5日', now, timeZone)).toMatchObject({ outcome: 'ok', lastDay: '2027-01-05', reason: null });
    expect(parseLeaveRequest('到2027-02-01', now, timeZone)).toMatchObject({ outcome: 'ok', lastDay: '2027-02-01' });
  });

  it('refuses a past date, a leave over 180 days and what it cannot read', () => {
    expect(parseLeaveRequest('到2026年11月29日 回家', now, timeZone)).toEqual({ outcome: 'past', lastDay: '2026-11-29' });
    expect(parseLeaveRequest('181天', now, timeZone)).toEqual({ outcome: 'too-long', days: 181 });
    expect(parseLeaveRequest('180天', now, timeZone)).toMatchObject({ outcome: 'ok', lastDay: '2027-05-28' });
    expect(parseLeaveRequest('到11月1日', now, timeZone)).toMatchObject({ outcome: 'too-long' });
    for (const bad of ['', '跑长途', '0天', '到2月30日', '三十天']) expect(parseLeaveRequest(bad, now, timeZone)).toEqual({ outcome: 'unreadable' });
  });
});

describe('请假 / 销假', () => {
  let h: Harness;
  afterEach(async () => {
    await h.stop();
  });

  it('a member on leave is not nudged, not in 未签到 and never 疑似失联; 销假 ends it', async () => {
    h = await startHarness();
    const now = new Date();
    const b = await careBranch(h, [{ name: '张三', silentDays: 40 }, { name: '李四', silentDays: 40 }], now);
    const zhang = b.person('张三');
    const li = b.person('李四');
    // Both have had their two unanswered nudges: the next scan would make them 疑似失联.
    await h.db.member.updateMany({ where: { id: { in: [zhang.row.id, li.row.id] } }, data: { nudgeCount: 2, lastNudgedAt: new Date(now.getTime() - 8 * day) } });

    expect(await h.ask(zhang.contact, '请假 30天 跑长途')).toContain('已请假到');
    // Asking for leave is activity too: put 张三 back to 40 days of silence, as if he had asked long ago.
    await h.db.member.update({ where: { id: zhang.row.id }, data: { lastActiveAt: new Date(now.getTime() - 40 * day), nudgeCount: 0, lastNudgedAt: null } });

    const result = await runSilentScan(h, now);
    expect(result).toMatchObject({ escalated: 1, nudged: 0 });
    expect(await h.db.member.findUniqueOrThrow({ where: { id: zhang.row.id } })).toMatchObject({ status: 'ACTIVE', nudgeCount: 0 });
    expect(await h.db.member.findUniqueOrThrow({ where: { id: li.row.id } })).toMatchObject({ status: 'LOST_CONTACT' });
    expect(h.received(zhang.contact.id).filter((m) => !m.text.includes('已请假'))).toEqual([]);

    const silent = await h.ask(b.secretary, '未签到');
    expect(silent).toContain('请假中 1 人');
    expect(silent).toMatch(new RegExp(`· ${zhang.row.name}　请假到 \\d+月\\d+日　跑长途`));
    expect(silent.split('请假中')[0]).not.toContain(zhang.row.name);

    // Leave ends by itself on its date: a scan 31 days later nudges him.
    expect(await runSilentScan(h, new Date(now.getTime() + 31 * day))).toMatchObject({ nudged: 1 });

    // 我的 shows the member their own leave and whereabouts, nobody else's.
    const me = await h.ask(li.contact, '我的');
    expect(me).toContain('去向：去向不详');
    expect(me).not.toContain('请假：');
    // 销假 ends a leave early.
    expect(await h.ask(li.contact, '请假 到12月31日')).toContain('已请假到');
    expect(await h.ask(li.contact, '我的')).toMatch(/请假：到 (\d{4}年)?12月31日，提前回来请发送「销假」/);
    expect((await h.db.member.findUniqueOrThrow({ where: { id: li.row.id } })).leaveUntil).not.toBeNull();
    expect(await h.ask(li.contact, '销假')).toContain('已销假');
    expect(await h.db.member.findUniqueOrThrow({ where: { id: li.row.id } })).toMatchObject({ leaveUntil: null, leaveReason: null });
    expect(await h.ask(li.contact, '销假')).toContain('没有在请假');
  });

  it('bad input gets the reason and stores nothing', async () => {
    h = await startHarness();
    const now = new Date();
    const b = await careBranch(h, [{ name: '王五', silentDays: 1 }], now);
    const wang = b.person('王五');
    expect(await h.ask(wang.contact, '请假 200天 出国')).toContain('请假最长 180 天（这次是 200 天）');
    expect(await h.ask(wang.contact, '请假 到2020年1月1日')).toContain('已经过去了');
    expect(await h.ask(wang.contact, '请假 跑长途')).toContain('格式：「请假 30天 跑长途」');
    expect(await h.db.member.findUniqueOrThrow({ where: { id: wang.row.id } })).toMatchObject({ leaveUntil: null, leaveReason: null });
  });
});
