import { afterEach, describe, expect, it } from 'vitest';
import type { ContactMock } from '../src/simulator/mock-world.ts';
import { answerTo } from './support/conversation.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

function say(contact: ContactMock, text: string): Promise<string> {
  return answerTo(h, contact, text);
}

const day = 24 * 3600_000;

describe('talent pool for the 两委 (人才库)', () => {
  it('lists willing members with skills, and a score that adds up from its shown parts (12 months)', async () => {
    h = await startHarness();
    const { branch, secretary, secretaryRow, members } = await seedBranchWithPeople(h, 2, { linkedGroup: false });
    const [talent, other] = members as [(typeof members)[0], (typeof members)[0]];
    expect(await say(talent.contact, '特长 电工 种植 调解')).toContain('已登记您的特长：电工、种植、调解');
    expect(await say(talent.contact, '愿意 回村任职')).toContain('您愿意回村（社区）任职');
    await say(other.contact, '特长 电工'); // skilled, but not willing: not listed

    // 12 months of record: 3 check-in days (and one 13 months ago, which no longer counts), 1 pack confirmed,
    // 1 activity attended of 3 hours, 1 suggestion adopted.
    const now = Date.now();
    for (const ago of [1, 40, 200, 400]) {
      const at = new Date(now - ago * day);
      await h.db.checkIn.create({ data: { memberId: talent.row.id, day: new Date(at.toISOString().slice(0, 10)), at, messageId: `c${ago}` } });
    }
    const pack = await h.db.studyPack.create({
      data: { organizationId: branch.organizationId, title: '学习包', content: '正文', status: 'PUSHED', createdById: secretaryRow.id },
    });
    await h.db.studyConfirmation.create({ data: { studyPackId: pack.id, memberId: talent.row.id, at: new Date(now - 10 * day) } });
    const activity = await h.db.activity.create({
      data: { organizationId: branch.organizationId, title: '义诊', startsAt: new Date(now - 5 * day), place: '村委会', status: 'OPEN', createdById: secretaryRow.id, durationMinutes: 180 },
    });
    await h.db.attendance.create({ data: { activityId: activity.id, memberId: talent.row.id, at: new Date(now - 5 * day) } });
    await say(talent.contact, '建议 修一条机耕路');
    const suggestion = await h.db.suggestion.findFirstOrThrow({ where: { memberId: talent.row.id } });
    await say(secretary, `采纳 ${suggestion.id}`);

    const parts = '签到天数 3 + 已学 1×2 + 出席活动 1×3 + 服务小时 3 + 建议采纳 1×5 + 测验答对 0 = 16 分';
    const pool = await say(secretary, '人才库');
    expect(pool).toContain(`· ${talent.row.name}（本级）特长：电工、种植、调解\n  ${parts}`);
    expect(pool).not.toContain(other.row.name);
    expect(await say(secretary, '人才库 调解')).toContain(talent.row.name);
    expect(await say(secretary, '人才库 木工')).toContain('暂无');

    const me = await say(talent.contact, '我的');
    expect(me).toContain('特长：电工、种植、调解；愿意回村任职');
    expect(me).toContain(`近 12 个月参与：${parts}`);
    // A member sees only their own figures.
    expect(await say(other.contact, '我的')).toContain('近 12 个月参与：签到天数 0 + 已学 0×2 + 出席活动 0×3 + 服务小时 0 + 建议采纳 0×5 + 测验答对 0 = 0 分');

    expect(await say(talent.contact, '不愿意 回村任职')).toContain('不再列入');
    expect(await say(secretary, '人才库')).not.toContain(talent.row.name);
  });

  it('bad input gets a usage line and stores nothing; a member may not read the pool', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 1, { linkedGroup: false });
    const member = members[0]!;
    expect(await say(member.contact, '特长')).toContain('请在「特长」后面写上您的特长');
    expect(await say(member.contact, `特长 ${'长'.repeat(11)}`)).toContain('每项不超过 10 字');
    expect(await say(member.contact, '愿意 当村长')).toContain('请发送「愿意 回村任职」');
    expect(await say(member.contact, '人才库')).toContain('无权限');
    expect(await say(secretary, '人才库 电工 木工')).toContain('格式：人才库 [特长]');
    expect(await h.db.member.findUniqueOrThrow({ where: { id: member.row.id }, select: { skills: true, willingToServe: true } })).toEqual({ skills: [], willingToServe: false });
  });
});
