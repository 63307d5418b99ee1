import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollReminder } from '../jobs/poll-reminder.ts';
import { parsePoll } from '../src/domain/polls/parse-poll.ts';
import { digestText } from '../src/domain/digest/create-weekly-digests.ts';
import { getOrganizationDigest } from '../src/domain/digest/get-organization-digest.ts';
import { parsePollAnswer } from '../src/domain/polls/parse-poll-answer.ts';
import type { ContactMock } from '../src/simulator/mock-world.ts';
import { answerTo } from './support/conversation.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

const hour = 3600_000;

let h: Harness;
beforeAll(async () => {
  // Members receive several polls and reminders here: no day's cap holds them back.
  h = await startHarness({ DAILY_MESSAGE_CAP: '50' });
});
afterAll(async () => {
  await h.stop();
});

/** 投票 … → 确认, as a secretary does it; the poll's number. */
async function openPoll(secretary: ContactMock, text: string): Promise<number> {
  const preview = await answerTo(h, secretary, `投票 ${text}`);
  expect(preview).toContain('请确认投票内容');
  const confirmed = await answerTo(h, secretary, '确认');
  const id = /投票（编号 (\d+)）/.exec(confirmed)?.[1];
  expect(id, confirmed).toBeDefined();
  return Number(id);
}

async function runReminders(runAt: Date) {
  return pollReminder.run(h.plugin.assistant!.jobContext, runAt);
}

describe('投票: a named poll', () => {
  it('is previewed, sent like a 通知, answered with a number (changeable), and counted in 结果 with who has not answered', async () => {
    const { secretary, members, room } = await seedBranchWithPeople(h, 3);
    const [a, b, c] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    // Before any poll, a bare number is not understood (as before polls existed).
    expect(await answerTo(h, a.contact, '2')).toContain('没有看懂');

    const preview = await answerTo(h, secretary, '投票 十二月主题党日时间 1.周六上午 2.周六下午 3.周日上午 截止 12月5日');
    expect(preview).toContain('【投票】十二月主题党日时间\n1. 周六上午\n2. 周六下午\n3. 周日上午');
    expect(preview).toContain('3 名党员');
    expect(h.received(a.contact.id).some((m) => m.text.startsWith('【投票】'))).toBe(false);
    const confirmed = await answerTo(h, secretary, '确认');
    const pollId = Number(/投票（编号 (\d+)）/.exec(confirmed)![1]);
    expect(confirmed).toContain(`结果 ${pollId}`);
    await h.waitForSent((m) => m.conversationId === c.contact.id && m.text.startsWith('【投票】十二月主题党日时间'));
    await h.waitForSent((m) => m.conversationId === room.id && m.text.startsWith('【投票】'));

    expect(await answerTo(h, a.contact, '2')).toContain('已收到您对「十二月主题党日时间」的投票：2.周六下午');
    expect(await answerTo(h, a.contact, '３')).toContain('已修改您对「十二月主题党日时间」的投票：3.周日上午');
    expect(await answerTo(h, b.contact, '1 2')).toContain('只能选一项');
    expect(await answerTo(h, b.contact, '7')).toContain('请回复 1 到 3 之间的选项编号');
    expect(await answerTo(h, b.contact, '1')).toContain('已收到');
    // 报名 12 still takes its number after the keyword: no poll answer.
    expect(await answerTo(h, b.contact, '报名 12')).not.toContain('投票');

    const results = await answerTo(h, secretary, `结果 ${pollId}`);
    expect(results).toContain('已投 2/3 人（67%）');
    expect(results).toContain('1.周六上午 1 票（50%）');
    expect(results).toContain('2.周六下午 0 票（0%）');
    expect(results).toContain('3.周日上午 1 票（50%）');
    expect(results).toContain(`未投票（1 人）：${c.row.name}`);
    expect(results).not.toContain(a.row.name);
  });

  it('refuses answers after the deadline, with the reason', async () => {
    const { secretary, members } = await seedBranchWithPeople(h, 1);
    const pollId = await openPoll(secretary, '是否参加 1.参加 2.不参加 截止 12月30日');
    await h.waitForSent((m) => m.conversationId === members[0]!.contact.id && m.text.includes('是否参加'));
    await h.db.poll.update({ where: { id: pollId }, data: { closesAt: new Date(Date.now() - hour) } });
    const reply = await answerTo(h, members[0]!.contact, '1');
    expect(reply).toMatch(/投票「是否参加」已于 .+ 截止，不能再投票了/);
    expect(await h.db.pollAnswer.count({ where: { pollId } })).toBe(0);
  });

  it('a bare number answers the newest open poll the member was sent', async () => {
    const { secretary, members } = await seedBranchWithPeople(h, 1);
    const member = members[0]!.contact;
    const older = await openPoll(secretary, '旧投票 1.甲 2.乙 截止 12月30日');
    const newer = await openPoll(secretary, '新投票 1.丙 2.丁 截止 12月30日');
    await h.waitForSent((m) => m.conversationId === member.id && m.text.includes('新投票'));
    expect(await answerTo(h, member, '2')).toContain('「新投票」的投票：2.丁');
    expect(await h.db.pollAnswer.count({ where: { pollId: older } })).toBe(0);
    expect(await h.db.pollAnswer.count({ where: { pollId: newer } })).toBe(1);
  });
});

describe('投票 匿名 可多选', () => {
  it('keeps no member, no time and no text of an answer; results are counts only; the secret is gone after the deadline', async () => {
    const { secretary, members } = await seedBranchWithPeople(h, 3);
    const pollId = await openPoll(secretary, '需要哪些帮助 1.就业信息 2.技能培训 3.政策咨询 可多选 匿名 截止 12月30日');
    for (const { contact } of members) await h.waitForSent((m) => m.conversationId === contact.id && m.text.startsWith('【投票】需要哪些帮助（匿名）'));

    const first = await answerTo(h, members[0]!.contact, '1 3');
    expect(first).toContain('已收到您对「需要哪些帮助」的投票（匿名）');
    expect(first).not.toMatch(/就业信息|政策咨询/);
    expect(await answerTo(h, members[1]!.contact, '１３')).toContain('已收到');
    expect(await answerTo(h, members[1]!.contact, '2,3')).toContain('已修改');
    expect(await answerTo(h, members[2]!.contact, '3')).toContain('已收到');

    // The tables: no member, no time; the keys are not the members' ids in any form.
    const answers = await h.db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "PollAnswer" WHERE "pollId" = ${pollId}`;
    expect(answers).toHaveLength(3);
    // (A key is 43 characters of base64url: a short id such as 7 may well appear in it by chance, so the check is
    // that it is neither an id nor an unkeyed hash of one.)
    const unkeyed = members.flatMap((m) => {
      const id = String(m.row.id);
      return [id, createHash('sha256').update(id).digest('base64url'), createHash('sha256').update(id).digest('hex')];
    });
    for (const answer of answers) {
      expect(answer.memberId).toBeNull();
      expect(answer.answeredAt).toBeNull();
      expect(String(answer.voterKey)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(unkeyed).not.toContain(answer.voterKey);
    }
    // The message log keeps neither the text nor (for the answers) anything a choice could be read from.
    const logged = await h.db.inboundMessage.findMany({ where: { command: 'answer-poll', text: { not: null } } });
    expect(logged).toEqual([]);

    const results = await answerTo(h, secretary, `结果 ${pollId}`);
    expect(results).toContain('已投 3/3 人（100%）');
    expect(results).toContain('1.就业信息 1 票（33%）');
    expect(results).toContain('2.技能培训 1 票（33%）');
    expect(results).toContain('3.政策咨询 3 票（100%）');
    for (const { row } of members) expect(results).not.toContain(row.name);

    // The deadline passes: the hourly job discards the secret; no answer can be tied to anyone now.
    const closesAt = new Date(Date.now() - hour);
    await h.db.poll.update({ where: { id: pollId }, data: { closesAt } });
    await runReminders(new Date());
    const poll = await h.db.poll.findUniqueOrThrow({ where: { id: pollId }, select: { voterSecret: true } });
    expect(poll.voterSecret).toBeNull();
    expect(await answerTo(h, members[2]!.contact, '1')).toContain('不能再投票了');
  });
});

describe('投票: the reminder a day before the deadline', () => {
  it('reaches those who have not answered, once, also for an anonymous poll', async () => {
    const { secretary, members } = await seedBranchWithPeople(h, 3);
    const pollId = await openPoll(secretary, '满意度 1.满意 2.一般 3.不满意 匿名 截止 12月30日');
    for (const { contact } of members) await h.waitForSent((m) => m.conversationId === contact.id && m.text.includes('满意度'));
    await answerTo(h, members[0]!.contact, '1');
    const poll = await h.db.poll.findUniqueOrThrow({ where: { id: pollId }, select: { closesAt: true } });

    // Other tests' polls close the same day: count this poll's reminders only.
    const reminders = () => h.db.delivery.count({ where: { broadcast: { pollId, kind: 'POLL_REMINDER' } } });
    // Two days before: too early.
    await runReminders(new Date(poll.closesAt.getTime() - 48 * hour));
    expect(await reminders()).toBe(0);
    await runReminders(new Date(poll.closesAt.getTime() - 20 * hour));
    expect(await reminders()).toBe(2);
    for (const { contact } of members.slice(1)) await h.waitForSent((m) => m.conversationId === contact.id && m.text.startsWith('【投票提醒】「满意度」'));
    await h.settle();
    expect(h.received(members[0]!.contact.id).some((m) => m.text.startsWith('【投票提醒】'))).toBe(false);
    // An hour later: nobody hears twice.
    await runReminders(new Date(poll.closesAt.getTime() - 19 * hour));
    await h.settle();
    expect(await reminders()).toBe(2);
    for (const { contact } of members.slice(1)) expect(h.received(contact.id).filter((m) => m.text.startsWith('【投票提醒】'))).toHaveLength(1);
  });
});

describe('the weekly digest', () => {
  it('lists open polls with their answer rates', async () => {
    const { branch, secretary, members } = await seedBranchWithPeople(h, 2);
    const pollId = await openPoll(secretary, '周报里的投票 1.甲 2.乙 截止 12月30日');
    await h.waitForSent((m) => m.conversationId === members[0]!.contact.id && m.text.includes('周报里的投票'));
    await answerTo(h, members[0]!.contact, '1');
    const now = new Date();
    const digest = await getOrganizationDigest(h.db, { organizationPath: branch.path, now, silentAfterDays: 14, upcomingDays: 7 });
    expect(digestText(branch.path, digest, h.config.APP_TIME_ZONE)).toMatch(new RegExp(`进行中的投票：\\n  · 周报里的投票（编号 ${pollId}）已投 1/2 人（50%），12月30日（周三）23:59 截止`));
  });
});

describe('结果: scope', () => {
  it("another organisation's secretary is told there is no such poll", async () => {
    const own = await seedBranchWithPeople(h, 1);
    const other = await seedBranchWithPeople(h, 1);
    const pollId = await openPoll(own.secretary, '范围 1.甲 2.乙 截止 12月30日');
    const reply = await answerTo(h, other.secretary, `结果 ${pollId}`);
    expect(reply).toContain(`没有找到您组织中编号为 ${pollId} 的投票`);
    expect(reply).not.toContain('范围');
  });
});

describe('reading 投票 and its answers', () => {
  const options = { now: new Date('2026-11-25T02:00:00Z'), timeZone: 'Asia/Shanghai' };
  it('reads title, options, flags and deadline in any order after the title', () => {
    expect(parsePoll('满意度 1.满意 2.比较 满意 匿名 截止12月5日 18:00 可多选', options)).toEqual({
      ok: true,
      poll: { title: '满意度', options: ['满意', '比较 满意'], multiple: true, anonymous: true, closesAt: new Date('2026-12-05T10:00:00Z') },
    });
    // A date alone: the end of that day.
    const dayOnly = parsePoll('t 1.a 2.b 截止 12月5日', options);
    expect(dayOnly.ok && dayOnly.poll.closesAt).toEqual(new Date('2026-12-05T15:59:00Z'));
    expect(parsePoll('t 1.a 3.b', options)).toMatchObject({ ok: false });
    expect(parsePoll('t 1.a', options)).toMatchObject({ ok: false });
    expect(parsePoll('1.a 2.b', options)).toMatchObject({ ok: false });
    expect(parsePoll('t 1.a 2.b 截止', options)).toMatchObject({ ok: false });
  });
  it('reads option numbers with any separators, once each', () => {
    expect(parsePollAnswer('1 3', { optionCount: 3, multiple: true })).toEqual([1, 3]);
    expect(parsePollAnswer('31、1', { optionCount: 3, multiple: true })).toEqual([1, 3]);
    expect(parsePollAnswer('2', { optionCount: 3, multiple: false })).toEqual([2]);
    expect(parsePollAnswer('1 2', { optionCount: 3, multiple: false })).toBeNull();
    expect(parsePollAnswer('4', { optionCount: 3, multiple: true })).toBeNull();
    expect(parsePollAnswer('0', { optionCount: 3, multiple: true })).toBeNull();
  });
});
