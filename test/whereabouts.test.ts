import { afterEach, describe, expect, it, vi } from 'vitest';
import { whereaboutsPrompt } from '../jobs/whereabouts-prompt.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { careBranch, day } from './support/care-branch.ts';

let h: Harness;
afterEach(async () => {
  await h?.stop();
  vi.useRealTimers();
});

async function runPrompt(runAt: Date) {
  const result = await whereaboutsPrompt.run(h.plugin.assistant!.jobContext, runAt);
  await h.settle();
  return result as { prompted: number; queued: number };
}

const prompts = (contactId: string) => h.received(contactId).filter((m) => m.text.includes('组织上记录的您的去向'));

describe('去向', () => {
  it('members set their own whereabouts, kept as history; secretaries read it and count it', async () => {
    h = await startHarness();
    const now = new Date();
    const b = await careBranch(h, [{ name: '张三', silentDays: 1, residence: '西宁市', workplace: '物流公司' }, { name: '李四', silentDays: 1 }], now);
    const zhang = b.person('张三');
    const li = b.person('李四');

    expect(await h.ask(zhang.contact, '去向 格尔木市 跑运输')).toBe('已更新您的去向：现居地：格尔木市；工作：跑运输。谢谢！');
    expect(await h.ask(zhang.contact, '工作 长途货运')).toBe('已更新您的去向：现居地：格尔木市；工作：长途货运。谢谢！');
    expect(await h.ask(li.contact, '现居地 格尔木市')).toContain('现居地：格尔木市');
    expect(await h.ask(zhang.contact, `去向 ${'长'.repeat(60)} 跑运输`)).toContain('每项最多 50 字');
    expect(await h.db.whereaboutsReport.count({ where: { memberId: zhang.row.id } })).toBe(2);

    const history = await h.ask(b.secretary, `去向 ${zhang.row.name}`);
    expect(history).toContain(`${zhang.row.name} 的去向：现居地：格尔木市；工作：长途货运`);
    expect(history).toContain('现居地：格尔木市；工作：跑运输（本人）');
    // A member who looks after nobody reads no one's whereabouts, and a name (or a city) alone is not a whereabouts.
    expect(await h.ask(li.contact, `去向 ${zhang.row.name}`)).toContain('格式：「去向 城市 工作」');
    expect(await h.ask(li.contact, '去向 格尔木市')).toContain('格式：「去向 城市 工作」');
    expect((await h.db.member.findUniqueOrThrow({ where: { id: li.row.id } })).workplace).toBeNull();

    const stats = await h.ask(b.secretary, '去向统计');
    expect(stats).toContain('党员 3 人的去向');
    expect(stats).toContain('· 格尔木市：2 人');
    expect(stats).toContain('· 长途货运：1 人');
    expect(await h.ask(zhang.contact, '去向统计')).toContain('无权限');
  });

  it('the quarterly question reaches only members with stale whereabouts, once; 是 confirms them', async () => {
    // The quarter's last working day, when every member's day of the quarter has come (the question is spread
    // over it): the whole test runs then, messages and all (only Date is moved; timers run as usual).
    const now = lastWorkingDayOfQuarter(new Date());
    vi.useFakeTimers({ now, toFake: ['Date'], shouldAdvanceTime: true });
    h = await startHarness();
    const b = await careBranch(
      h,
      [
        { name: '旧去向', silentDays: 1, residence: '西宁市', workplace: '物流公司' },
        { name: '新去向', silentDays: 1 },
        { name: '未绑定', silentDays: 1, unbound: true },
        { name: '请假中', silentDays: 1 },
      ],
      now,
    );
    const stale = b.person('旧去向');
    const fresh = b.person('新去向');
    const away = b.person('请假中');
    // All were put on the roster 100 days ago; 新去向 confirmed 10 days ago; 请假中 is on leave.
    await h.db.member.update({ where: { id: fresh.row.id }, data: { whereaboutsAt: new Date(now.getTime() - 10 * day) } });
    await h.db.member.update({ where: { id: away.row.id }, data: { leaveUntil: new Date(now.getTime() + 10 * day) } });
    // The secretary's whereabouts are fresh, so the branch's only question goes to 旧去向.
    await h.db.member.update({ where: { id: b.secretaryRow.id }, data: { whereaboutsAt: now } });

    expect(await runPrompt(now)).toMatchObject({ prompted: 1, queued: 1 });
    expect(prompts(stale.contact.id)).toHaveLength(1);
    expect(prompts(stale.contact.id)[0]!.text).toContain('现居地：西宁市；工作：物流公司');
    for (const other of [fresh, away, b.person('未绑定')]) expect(prompts(other.contact.id)).toEqual([]);
    // A retried run and the next day's run ask nobody again.
    expect(await runPrompt(now)).toMatchObject({ prompted: 0, queued: 0 });
    expect(await runPrompt(new Date(now.getTime() + day))).toMatchObject({ prompted: 0 });
    expect(prompts(stale.contact.id)).toHaveLength(1);

    expect(await h.ask(stale.contact, '是')).toContain('已确认您的去向没有变化');
    expect(await h.db.whereaboutsReport.findMany({ where: { memberId: stale.row.id }, select: { residence: true, source: true } }))
      .toEqual([{ residence: '西宁市', source: 'MEMBER' }]);
    expect(await h.ask(stale.contact, '是')).toContain('收到');
    expect(await h.db.whereaboutsReport.count({ where: { memberId: stale.row.id } })).toBe(1);
    // 80 days on: 旧去向 confirmed too recently to be asked; 新去向's whereabouts are now 90 days old, 请假中 is back.
    vi.setSystemTime(new Date(now.getTime() + 80 * day));
    expect(await runPrompt(new Date())).toMatchObject({ prompted: 2 });
    expect(prompts(stale.contact.id)).toHaveLength(1);
    expect(prompts(fresh.contact.id)).toHaveLength(1);
    expect(prompts(away.contact.id)).toHaveLength(1);
  });
});

/** 10:00 in Shanghai on the last Monday-to-Friday day of the quarter of `at`. */
function lastWorkingDayOfQuarter(at: Date): Date {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at).split('-').map(Number) as [number, number];
  const quarterEnd = new Date(Date.UTC(year, month - ((month - 1) % 3) + 2, 0, 2));
  while (quarterEnd.getUTCDay() === 0 || quarterEnd.getUTCDay() === 6) quarterEnd.setUTCDate(quarterEnd.getUTCDate() - 1);
  return quarterEnd;
}
