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

describe('volunteer teams (志愿服务队)', () => {
  it('join a team, a team-only invitation, and the hours its attendance credits', async () => {
    h = await startHarness();
    const { secretary, members, room } = await seedBranchWithPeople(h, 2);
    const [volunteer, other] = members as [(typeof members)[0], (typeof members)[0]];

    expect(await say(secretary, '建队 政策宣传 走村入户宣讲政策')).toContain('已建立志愿服务队「政策宣传」');
    expect(await say(secretary, '建队 政策宣传')).toContain('已有服务队「政策宣传」');
    expect(await say(volunteer.contact, '加入 政策宣传')).toContain('欢迎加入志愿服务队「政策宣传」');
    expect(await say(volunteer.contact, '加入 政策宣传')).toContain('您已经是「政策宣传」的队员了');
    expect(await say(volunteer.contact, '队伍')).toContain('政策宣传（已加入）：走村入户宣讲政策');
    expect(await say(secretary, '队伍')).toMatch(/政策宣传（.+）1 人：走村入户宣讲政策/);

    const preview = await say(secretary, '活动@政策宣传 政策宣讲 明天上午9点 村委会 时长 3小时');
    expect(preview).toContain('1 名党员');
    expect(preview).toContain('服务时长：3 小时');
    expect(await say(secretary, '确认')).toContain('发给 1 人：今天发出 1 人'); // what will happen, not a count of messages (issue 16)
    expect(h.received(volunteer.contact.id).some((m) => m.text.includes('政策宣讲'))).toBe(true);
    expect(h.received(other.contact.id)).toEqual([]);
    expect(h.received(room.id)).toEqual([]); // a team's invitation is not posted to the groups

    // The activity starts in 10 minutes: its check-in window is open, and the on-site code counts as attendance.
    const activity = await h.db.activity.findFirstOrThrow({ where: { title: '政策宣讲' } });
    await h.db.activity.update({ where: { id: activity.id }, data: { startsAt: new Date(Date.now() + 10 * 60_000) } });
    expect(await say(volunteer.contact, `签到 ${activity.checkInCode}`)).toContain('政策宣讲');

    expect(await say(volunteer.contact, '我的')).toContain('志愿服务：今年出席活动 1 次，服务 3 小时；所在服务队：政策宣传');
    expect(await say(other.contact, '我的')).toContain('志愿服务：今年出席活动 0 次，服务 0 小时');
    expect(await say(secretary, '志愿统计')).toMatch(/政策宣传（.+）队员 1 人，活跃 1 人，服务 3 小时/);

    expect(await say(volunteer.contact, '退出 政策宣传')).toContain('您已退出志愿服务队「政策宣传」');
    expect(await say(volunteer.contact, '退出 政策宣传')).toContain('您不在「政策宣传」队中');
    await say(other.contact, '加入 政策宣传');
    expect(await say(secretary, '解散 政策宣传')).toContain('已解散服务队「政策宣传」，1 名队员已退出');
    expect((await h.db.member.findUniqueOrThrow({ where: { id: other.row.id } })).tags).toEqual([]);
    // Hours stay after the team is gone.
    expect(await say(volunteer.contact, '我的')).toContain('服务 3 小时');
  });

  it('bad input gets a usage line and stores nothing', async () => {
    h = await startHarness();
    const { branch, secretary, members } = await seedBranchWithPeople(h, 1, { linkedGroup: false });
    const member = members[0]!;

    expect(await say(secretary, '建队')).toContain('请写上服务队名称');
    expect(await say(secretary, `建队 ${'长'.repeat(21)}`)).toContain('最多 20 字');
    expect(await say(secretary, `建队 环境整治 ${'说'.repeat(101)}`)).toContain('最多 100 字');
    expect(await say(secretary, '解散 邻里帮扶')).toContain('没有名为「邻里帮扶」的服务队');
    expect(await say(member.contact, '加入 邻里帮扶')).toContain('没有您可以加入的服务队「邻里帮扶」');
    expect(await say(member.contact, '加入')).toContain('请写上服务队名称');
    expect(await say(member.contact, '建队 邻里帮扶')).toContain('无权限');
    expect(await say(secretary, '活动 宣讲 明天上午9点 村委会 时长 很久')).toContain('时长写法不对');
    expect(await say(secretary, '活动 宣讲 明天上午9点 村委会 时长 25小时')).toContain('最长 24 小时');

    expect(await h.db.volunteerTeam.count({ where: { organizationId: branch.organizationId } })).toBe(0);
    expect(await h.db.activity.count({ where: { title: '宣讲' } })).toBe(0);
    expect((await h.db.member.findUniqueOrThrow({ where: { id: member.row.id } })).tags).toEqual([]);
  });
});
