import { formatActivityTime } from '../../domain/activities/activity-text.ts';
import { anonymousBreakdownMinimum, getPollResults, type PollResults } from '../../domain/polls/get-poll-results.ts';
import { nameList } from '../../domain/shared/name-list.ts';
import { canManageOrganization } from '../../domain/shared/organization-scope.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** 结果 names at most this many members who have not answered; the console page names all. */
const notAnsweredShown = 30;

/** 结果 <编号>: a poll's counts and percentages per option, per organisation, the answer rate and (named polls) who has not answered. */
export const pollResultsCommand: Command = {
  name: 'poll-results',
  keywords: ['结果'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '结果 编号 —— （书记）查看投票结果，例如「结果 3」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const pollId = Number(ctx.args.replace(/^(编号|#)\s*/, ''));
    if (!Number.isInteger(pollId) || pollId <= 0 || pollId > 2 ** 31 - 1) {
      ctx.reply('请写上投票编号，例如「结果 3」。');
      return;
    }
    const results = await getPollResults(ctx.db, { pollId, nameLimit: notAnsweredShown });
    if (!results || !canManageOrganization(secretary, results.poll.organizationPath)) {
      // Another organisation's poll is not even said to exist.
      ctx.reply(`没有找到您组织中编号为 ${pollId} 的投票，请核对编号。`);
      return;
    }
    ctx.reply(pollResultsText(results, { now: ctx.message.sentAt, timeZone: ctx.config.APP_TIME_ZONE }));
  },
};

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((part * 100) / whole)}%`;
}

/** Percentages of the members who answered (of several choices each, where 可多选). */
export function pollResultsText(results: PollResults, options: { now: Date; timeZone: string }): string {
  const { poll, sent, answered, counts } = results;
  const closed = options.now >= poll.closesAt;
  const optionLines = (values: number[], of: number) => poll.options.map((option, i) => `${i + 1}.${option} ${values[i]} 票（${percent(values[i]!, of)}）`);
  return [
    `投票「${poll.title}」（编号 ${poll.id}${poll.anonymous ? '，匿名' : ''}${poll.multiple ? '，可多选' : ''}）`,
    `${closed ? '已于' : '截止'} ${formatActivityTime(poll.closesAt, options.timeZone)}${closed ? ' 截止' : ''}；已投 ${answered}/${sent} 人（${percent(answered, sent)}）`,
    ...optionLines(counts, answered),
    ...(results.organizations.length > 1
      ? results.organizations.flatMap((row) => [
          `· ${row.path}：已投 ${row.answered}/${row.sent}（${percent(row.answered, row.sent)}）` +
            (row.counts ? `：${row.counts.map((n, i) => `${i + 1}.${n}`).join(' ')}` : `（不足 ${anonymousBreakdownMinimum} 人，不分列选项）`),
        ])
      : []),
    ...(results.notAnswered && results.notAnswered.total > 0
      ? [`未投票（${results.notAnswered.total} 人）：${nameList(results.notAnswered.names, results.notAnswered.total)}`]
      : []),
  ].join('\n');
}
