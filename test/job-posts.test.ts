import { afterEach, describe, expect, it } from 'vitest';
import { weeklyDigest } from '../jobs/digest.ts';
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

describe('work for returnees (返乡就业)', () => {
  it('a job post reaches only the matching seekers, once each; 意向 tells the secretary once; 已就业 ends the search; the digest counts the week', async () => {
    h = await startHarness();
    const { secretary, members, room } = await seedBranchWithPeople(h, 4);
    const [driver, farmer, anyWork, notSeeking] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0], (typeof members)[0]];
    expect(await say(driver.contact, '求职 电焊 货车司机')).toContain('已登记您在找工作（电焊、货车司机）');
    await say(farmer.contact, '求职 种植');
    expect(await say(anyWork.contact, '返乡')).toContain('已登记您在找工作');

    const preview = await say(secretary, '岗位 货车司机 西宁某物流 C1驾照 月薪6000 电话13800000000');
    expect(preview).toContain('有 2 名求职党员与岗位相符');
    const confirmed = await say(secretary, '确认');
    expect(confirmed).toContain('发给 2 人：今天发出 2 人'); // what will happen, not a count of messages (issue 16)
    expect(confirmed).toMatch(/^已确认，岗位信息/); // not 通知 (issue 20)
    const post = await h.db.jobPost.findFirstOrThrow({ where: { text: { startsWith: '货车司机 西宁某物流' } } });
    const postLine = `【岗位信息 编号 ${post.id}】`;
    const postsTo = (contact: ContactMock) => h.received(contact.id).filter((m) => m.text.startsWith(postLine)).length;
    expect([postsTo(driver.contact), postsTo(anyWork.contact), postsTo(farmer.contact), postsTo(notSeeking.contact)]).toEqual([1, 1, 0, 0]);
    expect(h.received(room.id)).toEqual([]);

    expect(await say(driver.contact, `意向 ${post.id}`)).toContain(`已告诉书记您对岗位 ${post.id} 有意向`);
    expect(await say(driver.contact, `意向 ${post.id}`)).toContain('已经对岗位');
    const notices = h.received(secretary.id).filter((m) => m.text.startsWith('【求职意向】'));
    expect(notices.map((m) => m.text)).toEqual([`【求职意向】${driver.row.name} 对岗位 ${post.id}「货车司机 西宁某物流 C1驾照 月薪60…」有意向，请与其联系。发送「就业统计」查看全部。`]);
    expect(await say(farmer.contact, `意向 ${post.id}`)).toContain(`没有发给您的编号为 ${post.id} 的岗位`);
    expect(await say(farmer.contact, '意向 货车')).toContain('格式：意向 编号');

    expect(await say(driver.contact, '已就业 格尔木某物流公司')).toContain('恭喜您找到工作');
    expect(await say(driver.contact, '我的')).toContain('就业：已就业（格尔木某物流公司）');
    expect(await say(farmer.contact, '我的')).toContain('就业：求职中（种植）');
    expect(await say(secretary, '就业统计')).toContain('求职中 2 人，今年有意向 1 人，今年已就业 1 人');
    // Placed: the next post does not reach them.
    await say(secretary, '岗位 货车司机 格尔木某车队');
    expect(await say(secretary, '确认')).toContain('发给 1 人：今天发出 1 人');
    // Back to looking for work: a new search, counted this week again.
    expect(await say(driver.contact, '返乡')).toContain('已登记您在找工作');
    expect(await say(driver.contact, '我的')).toContain('就业：求职中，');

    await weeklyDigest.run(h.plugin.assistant!.jobContext, new Date());
    await h.settle();
    const digest = h.received(secretary.id).find((m) => m.text.startsWith('📋 每周简报'));
    expect(digest?.text).toContain('返乡就业：本周新登记求职 3 人，已就业 0 人；目前求职中 3 人');
  });

  it('bad input gets a usage line and stores nothing; a member cannot post a job', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 1, { linkedGroup: false });
    const member = members[0]!;
    expect(await say(member.contact, '岗位 货车司机 月薪6000')).toContain('无权限');
    expect(await say(secretary, '岗位')).toContain('格式：岗位 内容');
    expect(await say(secretary, `岗位 ${'长'.repeat(501)}`)).toContain('最多 500 字');
    expect(await say(member.contact, '求职')).toContain('请写上您能做或想做的工作');
    expect(await say(member.contact, '已就业 某公司')).toContain('您没有在登记求职');
    expect(await h.db.jobPost.count({ where: { createdById: { in: [member.row.id] } } })).toBe(0);
    expect(await h.db.jobSeeker.count({ where: { memberId: member.row.id } })).toBe(0);
  });
});
