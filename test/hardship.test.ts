import { afterEach, describe, expect, it } from 'vitest';
import { parseHelp } from '../src/domain/hardship/parse-help.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { careBranch } from './support/care-branch.ts';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('帮扶 parsing', () => {
  it('reads a kind with an amount or a detail; money needs a number', () => {
    expect(parseHelp('慰问金 500元')).toEqual({ outcome: 'ok', kind: '慰问金', amount: '500', detail: null });
    expect(parseHelp('物资 米面油')).toEqual({ outcome: 'ok', kind: '物资', amount: null, detail: '米面油' });
    expect(parseHelp('就医协调')).toEqual({ outcome: 'ok', kind: '就医协调', amount: null, detail: null });
    expect(parseHelp('慰问金 五百元')).toEqual({ outcome: 'bad-amount', kind: '慰问金' });
    expect(parseHelp('慰问金')).toEqual({ outcome: 'bad-amount', kind: '慰问金' });
  });
});

describe('困难帮扶', () => {
  it('困难 → 帮扶 → 帮扶统计 → 结案, for the organisation and below; bad input stores nothing', async () => {
    h = await startHarness();
    const now = new Date();
    const b = await careBranch(h, [{ name: '张三', silentDays: 1 }, { name: '李四', silentDays: 1 }], now);
    const zhang = b.person('张三');
    const li = b.person('李四');

    expect(await h.ask(b.secretary, `帮扶 ${zhang.row.name} 慰问金 500元`)).toContain('请先发送「困难');
    expect(await h.ask(b.secretary, `困难 ${zhang.row.name}`)).toContain('格式：困难 姓名 情况');
    expect(await h.ask(b.secretary, `困难 查无此人 家属住院`)).toContain('没有在');
    expect(await h.db.hardshipCase.count({ where: { memberId: zhang.row.id } })).toBe(0);

    expect(await h.ask(b.secretary, `困难 ${zhang.row.name} 家属住院，需要帮扶`)).toContain(`已登记 ${zhang.row.name} 的困难情况`);
    expect(await h.ask(b.secretary, `困难 ${zhang.row.name} 又一件`)).toContain('已有未结案的困难帮扶');
    expect(await h.ask(b.secretary, `帮扶 ${zhang.row.name} 慰问金 五百`)).toContain('慰问金请写金额');
    expect(await h.db.hardshipHelp.count()).toBe(0);
    expect(await h.ask(b.secretary, `帮扶 ${zhang.row.name} 慰问金 500元`)).toContain('慰问金 500 元');
    expect(await h.ask(b.secretary, `帮扶 ${zhang.row.name} 物资 米面油`)).toContain('物资（米面油）');
    expect(await h.ask(b.secretary, `帮扶 ${zhang.row.name} 就医协调`)).toContain('已记录 3 次');
    expect(await h.ask(b.secretary, `困难 ${li.row.name} 子女上学困难`)).toContain('已登记');
    expect(await h.ask(b.secretary, `帮扶 ${li.row.name} 慰问金 300.5`)).toContain('慰问金 300.5 元');

    const stats = await h.ask(b.secretary, '帮扶统计');
    expect(stats).toContain('未结案：2 件');
    expect(stats).toMatch(/\d{4}年帮扶：4 次，2 人/);
    expect(stats).toContain('· 慰问金：2 次，共 800.50 元');
    expect(stats).toContain('· 物资：1 次');

    expect(await h.ask(b.secretary, `结案 ${zhang.row.name}`)).toContain('已结案');
    expect(await h.ask(b.secretary, `结案 ${zhang.row.name}`)).toContain('没有未结案');
    expect(await h.ask(b.secretary, '帮扶统计')).toContain('未结案：1 件');
    // Members never see care records.
    expect(await h.ask(zhang.contact, '帮扶统计')).toContain('无权限');
    expect(await h.ask(zhang.contact, `困难 ${li.row.name} 生病`)).toContain('无权限');
  });
});
