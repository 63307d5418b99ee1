import { formatActivityTime } from '../../domain/activities/activity-text.ts';
import { findPollToAnswer } from '../../domain/polls/find-poll-to-answer.ts';
import { parsePollAnswer, pollAnswerPattern } from '../../domain/polls/parse-poll-answer.ts';
import { recordPollAnswer } from '../../domain/polls/record-poll-answer.ts';
import type { Command } from '../command.ts';

/**
 * A bare number in a direct chat (「2」「1 3」): the answer to the newest open poll the member was sent.
 * It is no keyword (报名 12 and the like keep their numbers): parseCommand offers it only for text that
 * calls no command, and never in a group. Its text is not stored: an anonymous choice stays unwritten.
 */
export const answerPollCommand: Command = {
  name: 'answer-poll',
  keywords: [],
  nearMiss: pollAnswerPattern,
  takesArguments: false,
  storesNoText: true,
  needsMember: true,
  async handle(ctx) {
    const member = ctx.sender.member!;
    const poll = await findPollToAnswer(ctx.db, { memberId: member.id, now: ctx.message.sentAt });
    if (!poll) {
      ctx.reply(`没有看懂您的消息。\n${ctx.menu()}`);
      return;
    }
    const timeZone = ctx.config.APP_TIME_ZONE;
    const choices = parsePollAnswer(ctx.args, { optionCount: poll.options.length, multiple: poll.multiple });
    if (!choices) {
      ctx.reply(
        `「${poll.title}」请回复 1 到 ${poll.options.length} 之间的选项编号` + (poll.multiple ? '，可多选，如「1 3」。' : '，只能选一项。'),
      );
      return;
    }
    const outcome = await recordPollAnswer(ctx.db, { poll, member, choices, now: ctx.message.sentAt });
    if (outcome === 'closed') {
      ctx.reply(`投票「${poll.title}」已于 ${formatActivityTime(poll.closesAt, timeZone)} 截止，不能再投票了。`);
      return;
    }
    // An anonymous choice is not repeated back: the reply is a message the outbox keeps.
    const what = poll.anonymous ? '（匿名）' : `：${choices.map((n) => `${n}.${poll.options[n - 1]}`).join('、')}`;
    ctx.reply(
      `${outcome === 'changed' ? '已修改' : '已收到'}您对「${poll.title}」的投票${what}。` +
        `截止（${formatActivityTime(poll.closesAt, timeZone)}）前可重新回复修改。`,
    );
  },
};
