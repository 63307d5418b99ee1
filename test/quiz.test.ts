import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyPush } from '../jobs/study-push.ts';
import { normalizeText } from '../src/commands/normalize-text.ts';
import { parseQuiz } from '../src/domain/study/parse-quiz.ts';
import { parseQuizAnswer } from '../src/domain/study/parse-quiz-answer.ts';
import { answerTo } from './support/conversation.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

const quizFile = `
1. 党的最高理想和最终目标是什么？
A. 实现共产主义  B. 全面建成小康社会  C. 实现现代化
答案：A
解析：党章总纲：党的最高理想和最终目标是实现共产主义。

2、流动党员外出前应当做到哪些？
A. 向党组织报告去向
B. 按时交纳党费
C. 退出党组织
答案：BA
解析：外出前报告去向，外出期间按时交纳党费。
3. 主题党日一般每月几次？
A. 一次 B. 两次
答案：A
解析：每月相对固定一天开展主题党日。
`;

describe('reading a quiz and its answers', () => {
  it('reads questions, options on one line or several, sorted answer letters and explanations', () => {
    const quiz = parseQuiz(quizFile);
    expect(quiz.ok && quiz.questions.map((q) => [q.options.length, q.answer])).toEqual([[3, 'A'], [3, 'AB'], [2, 'A']]);
    expect(parseQuiz('1. 题\nA. 甲 B. 乙\n答案：C\n解析：x')).toMatchObject({ ok: false });
    expect(parseQuiz('1. 题\nA. 甲 B. 乙\n答案：A')).toMatchObject({ ok: false });
    expect(parseQuiz(Array.from({ length: 6 }, (_, i) => `${i + 1}. 题\nA. 甲 B. 乙\n答案：A\n解析：x`).join('\n'))).toMatchObject({ ok: false });
  });

  it('tolerates case, full-width letters, spaces and any order', () => {
    const read = (text: string) => Object.fromEntries(parseQuizAnswer(normalizeText(text), 1));
    expect(read('1B 2AC 3D')).toEqual({ 1: 'B', 2: 'AC', 3: 'D' });
    expect(read('1b 2ca')).toEqual({ 1: 'B', 2: 'AC' });
    expect(read('１Ｂ　２ＣＡ')).toEqual({ 1: 'B', 2: 'AC' });
    expect(read('3 d 1 b')).toEqual({ 1: 'B', 3: 'D' });
    expect(read('1.B，2、A C')).toEqual({ 1: 'B', 2: 'AC' });
    // Letters alone answer the next question.
    expect(Object.fromEntries(parseQuizAnswer('c', 2))).toEqual({ 2: 'C' });
  });
});

describe('应知应会 after 已学', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('asks the questions (never the answers), grades one reply or several, once; a second go is practice', async () => {
    const { branch, secretary, members } = await seedBranchWithPeople(h, 2);
    const [first, second] = members as [(typeof members)[0], (typeof members)[0]];
    const path = join(tmpdir(), `quiz-${process.pid}.txt`);
    await writeFile(path, quizFile);
    await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/add-study-pack.ts', '--org', branch.path, '--title', '党章学习', '--content', 'https://example.org/dz', '--quiz', path],
      { env: { ...process.env, DATABASE_URL: h.config.DATABASE_URL } },
    );
    const pack = await h.db.studyPack.findFirstOrThrow({ where: { organizationId: branch.organizationId, title: '党章学习' }, select: { id: true } });
    expect(await h.db.quizQuestion.count({ where: { studyPackId: pack.id } })).toBe(3);
    await studyPush.run(h.plugin.assistant!.jobContext, new Date());
    await h.settle();
    // The pack itself carries no question.
    const pushed = h.received(first.contact.id).map((m) => m.text).join('\n');
    expect(pushed).toContain('【学习包】党章学习');
    expect(pushed).not.toContain('最高理想');

    const asked = await answerTo(h, first.contact, '已学');
    expect(asked).toContain('已打卡');
    expect(asked).toContain('【应知应会】「党章学习」');
    expect(asked).toContain('1. 党的最高理想和最终目标是什么？\nA. 实现共产主义  B. 全面建成小康社会  C. 实现现代化');
    expect(asked).toContain('「1B 2AC 3D」');
    expect(asked).not.toMatch(/答案 ?[A-E：]|解析|党章总纲|按时交纳党费。/);

    // One at a time, in any order, full-width and lower case.
    expect(await answerTo(h, first.contact, '３ａ')).toContain('还有第 1、2 题未答');
    expect(await answerTo(h, first.contact, 'a')).toContain('还有第 2 题未答');
    const graded = await answerTo(h, first.contact, '2 b');
    expect(graded).toContain('得分：2/3');
    expect(graded).toContain('第 2 题答案 AB：外出前报告去向，外出期间按时交纳党费。');
    expect(graded).not.toContain('第 1 题');

    // All in one reply.
    await answerTo(h, second.contact, '已学');
    expect(await answerTo(h, second.contact, '1A 2BA 3A')).toContain('得分：3/3。全部答对！');

    // A second go is practice: it does not change the graded score; a third is not offered.
    const practice = await answerTo(h, first.contact, '已学');
    expect(practice).toContain('（练习，不计分）');
    expect(await answerTo(h, first.contact, '1A 2AB 3A')).toContain('练习得分：3/3');
    expect(await answerTo(h, first.contact, '已学')).toContain('测试和练习都已完成');
    const attempts = await h.db.quizAttempt.findMany({ where: { memberId: first.row.id }, orderBy: { id: 'asc' } });
    expect(attempts.map((a) => [a.graded, a.score, a.wrong])).toEqual([[true, 2, [2]], [false, 3, []]]);
    // 学习统计: answered, the average of the graded attempts, the question most got wrong.
    const stats = await answerTo(h, secretary, '学习统计');
    expect(stats).toContain('应知应会：已答 2 人，平均 2.5/3 分；错得最多：第 2 题「流动党员外出前应当做到哪些？」（1 人）');
    // 我的: the member's own graded score (not the practice one) and the quiz part of the engagement score.
    const me = await answerTo(h, first.contact, '我的');
    expect(me).toContain('应知应会：「党章学习」2/3');
    expect(me).toContain('测验答对 2 =');
    // Letters from a member with no quiz asked are not an answer.
    expect(await answerTo(h, first.contact, 'abc')).toContain('没有看懂');
  }, 60_000);
});
