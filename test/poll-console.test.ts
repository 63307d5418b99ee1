import { describe, expect, it } from 'vitest';
import { answerTo } from './support/conversation.ts';
import { consoleWorldPerTest } from './support/console-client.ts';
import { seedBranchWithPeople } from './support/seed.ts';
import { addStudyPack } from '../src/domain/study/add-study-pack.ts';

const world = consoleWorldPerTest();

describe('console: 投票', () => {
  it('lists polls with answer rates and shows a poll as a bar chart; an anonymous poll names nobody; another branch’s poll is 404', async () => {
    const { h, secretary, members, client } = await world.start({ members: 3 });
    const open = async (text: string) => {
      await answerTo(h, secretary, `投票 ${text}`);
      return Number(/投票（编号 (\d+)）/.exec(await answerTo(h, secretary, '确认'))![1]);
    };
    const named = await open('实名投票 1.甲 2.乙 截止 12月30日');
    const anonymous = await open('匿名投票 1.丙 2.丁 匿名 截止 12月30日');
    await h.settle();
    // The newest open poll is the anonymous one: each answers it; the first member then answers nothing else.
    for (const [i, { contact }] of members.entries()) expect(await answerTo(h, contact, i === 0 ? '1' : '2')).toContain('已收到');
    await h.db.pollAnswer.create({
      data: { pollId: named, voterKey: 'seeded', memberId: members[1]!.row.id, organizationId: (await h.db.member.findUniqueOrThrow({ where: { id: members[1]!.row.id } })).organizationId, choices: [2], answeredAt: new Date() },
    });

    const list = await (await client.get('/polls')).text();
    expect(list).toContain(`<a href="/polls/${anonymous}">匿名投票</a>（匿名）`);
    // The unbound member was sent it too (a failed delivery): 3 of 4.
    expect(list).toContain('3/4');

    const anonymousPage = await (await client.get(`/polls/${anonymous}`)).text();
    expect(anonymousPage).toContain('id="poll-chart"');
    expect(anonymousPage).toContain('"counts":[1,2]');
    expect(anonymousPage).toContain('不足 5 人，不分列');
    expect(anonymousPage).not.toContain('未投票');
    for (const { row } of members) expect(anonymousPage).not.toContain(row.name);

    const namedPage = await (await client.get(`/polls/${named}`)).text();
    expect(namedPage).toContain('"counts":[0,1]');
    expect(namedPage).toContain('未投票（3 人）');
    expect(namedPage).toContain(members[0]!.row.name);

    const other = await seedBranchWithPeople(h, 1);
    await answerTo(h, other.secretary, '投票 别人的投票 1.甲 2.乙 截止 12月30日');
    const othersPoll = Number(/投票（编号 (\d+)）/.exec(await answerTo(h, other.secretary, '确认'))![1]);
    expect((await client.get(`/polls/${othersPoll}`)).status).toBe(404);
    expect(await (await client.get('/polls')).text()).not.toContain('别人的投票');
  }, 60_000);
});

describe('console: 学习 page quizzes', () => {
  it('saves a pack’s quiz from the form (a bad one is refused with the reason), and another branch’s pack is 404', async () => {
    const { h, branch, secretaryRow, client } = await world.start({ members: 1 });
    const own = await addStudyPack(h.db, { organizationId: branch.organizationId, createdById: secretaryRow.id, title: '本支部的课', content: 'x', now: new Date() });
    const other = await seedBranchWithPeople(h, 1);
    const others = await addStudyPack(h.db, { organizationId: other.branch.organizationId, createdById: other.secretaryRow.id, title: '别处的课', content: 'x', now: new Date() });
    const quiz = '1. 题干\nA. 甲 B. 乙\n答案：b\n解析：因为乙。';

    const saved = await client.post('/study/quiz', { pack: String(own.studyPackId), quiz }, '/study');
    expect(await saved.text()).toContain('已为学习包');
    expect(await h.db.quizQuestion.findMany({ where: { studyPackId: own.studyPackId }, select: { answer: true, options: true } })).toEqual([{ answer: 'B', options: ['甲', '乙'] }]);
    const bad = await client.post('/study/quiz', { pack: String(own.studyPackId), quiz: '1. 题干\nA. 甲 B. 乙' }, '/study');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('第 1 题的答案应是选项的字母');
    expect((await client.post('/study/quiz', { pack: String(others.studyPackId), quiz }, '/study')).status).toBe(404);
    expect(await h.db.quizQuestion.count({ where: { studyPackId: others.studyPackId } })).toBe(0);
  }, 60_000);
});
