import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxHelpAmountYuan, maxHelpDetailLength, parseHelp } from '../src/domain/hardship/parse-help.ts';
import { maxLeaveReasonLength, parseLeaveRequest } from '../src/domain/leave/parse-leave.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

describe('amounts and free text from chat are bounded', () => {
  it('帮扶 amounts are above 0 and at most 1,000,000 yuan per record, and the answer says so', () => {
    expect(maxHelpAmountYuan).toBe(1_000_000);
    expect(parseHelp('慰问金 500元')).toMatchObject({ outcome: 'ok', amount: '500' });
    expect(parseHelp('慰问金 1000000')).toMatchObject({ outcome: 'ok', amount: '1000000' });
    for (const amount of ['0', '0.00', '1000000.01', '999999999.99']) {
      expect(parseHelp(`慰问金 ${amount}`), amount).toEqual({ outcome: 'bad-amount', kind: '慰问金' });
    }
  });

  it('a leave reason longer than the documented limit is refused, not stored whole', () => {
    const now = new Date('2026-11-25T02:00:00Z');
    expect(maxLeaveReasonLength).toBe(100);
    expect(parseLeaveRequest(`30天 ${'看'.repeat(100)}`, now, 'Asia/Shanghai')).toMatchObject({ outcome: 'ok' });
    expect(parseLeaveRequest(`30天 ${'看'.repeat(10_000)}`, now, 'Asia/Shanghai')).toEqual({ outcome: 'reason-too-long' });
  });
});

describe('every free text stored from chat is refused over its documented length, saying the limit', () => {
  let h: Harness;
  let people: Awaited<ReturnType<typeof seedBranchWithPeople>>;
  beforeAll(async () => {
    h = await startHarness();
    people = await seedBranchWithPeople(h, 1);
  }, 60_000);
  afterAll(async () => {
    await h.stop();
  });
  const long = (length: number) => '长'.repeat(length);
  const member = () => people.members[0]!;
  const memberName = () => member().row.name;

  // [who sends, text over the limit, the limit the answer names, what must not have been stored]
  const cases: [string, 'member' | 'secretary', () => string, string, () => Promise<unknown>][] = [
    ['建议', 'member', () => `建议 ${long(501)}`, '最多 500 字', () => h.db.suggestion.count()],
    ['特长', 'member', () => `特长 电工 ${long(11)}`, '不超过 10 字', async () => (await h.db.member.findUniqueOrThrow({ where: { id: member().row.id } })).skills],
    ['现居地', 'member', () => `现居地 ${long(51)}`, '最多 50 字', async () => (await h.db.member.findUniqueOrThrow({ where: { id: member().row.id } })).residence],
    ['已就业', 'member', () => `已就业 ${long(51)}`, '最多 50 字', () => h.db.jobSeeker.findMany()],
    ['求职', 'member', () => `求职 ${long(11)}`, '2 到 10 字', () => h.db.jobSeeker.findMany()],
    ['请假', 'member', () => `请假 30天 ${long(101)}`, '100', async () => (await h.db.member.findUniqueOrThrow({ where: { id: member().row.id } })).leaveReason],
    ['走访', 'secretary', () => `走访 ${memberName()} 电话 ${long(501)}`, '最多 500 字', () => h.db.careVisit.count()],
    ['困难', 'secretary', () => `困难 ${memberName()} ${long(501)}`, '最多 500 字', () => h.db.hardshipCase.count()],
    ['岗位', 'secretary', () => `岗位 ${long(501)}`, '最多 500 字', () => h.db.jobPost.count()],
    ['建队', 'secretary', () => `建队 宣传队 ${long(101)}`, '最多 100 字', () => h.db.volunteerTeam.count()],
  ];
  for (const [command, who, text, limit, stored] of cases) {
    it(`${command}: refused politely with its limit, nothing stored`, async () => {
      const before = await stored();
      const reply = await h.ask(who === 'member' ? member().contact : people.secretary, text());
      expect(reply).toContain(limit);
      expect(await stored()).toEqual(before);
    });
  }

  it('a lone surrogate (half an emoji) in a word is stored as �, not a failed command (found by the fuzz run)', async () => {
    const reply = await h.ask(member().contact, '特长 电\ud800工 种植');
    expect(reply).not.toContain('出了问题');
    expect((await h.db.member.findUniqueOrThrow({ where: { id: member().row.id } })).skills).toEqual(['电\ufffd工', '种植']);
  });

  it('帮扶: help in kind with a detail over 100 characters is refused with the limit', async () => {
    expect(await h.ask(people.secretary, `困难 ${memberName()} 家属住院`)).toContain('已');
    const reply = await h.ask(people.secretary, `帮扶 ${memberName()} 物资 ${long(101)}`);
    expect(reply).toContain(`最多 ${maxHelpDetailLength} 字`);
    expect(await h.db.hardshipHelp.count()).toBe(0);
  });
});
