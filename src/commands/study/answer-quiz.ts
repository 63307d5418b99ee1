import { answerQuiz } from '../../domain/study/answer-quiz.ts';
import { quizAnswerPattern } from '../../domain/study/parse-quiz-answer.ts';
import { quizResultText } from '../../domain/study/quiz-text.ts';
import type { Command } from '../command.ts';

/**
 * Letters in a direct chat (「1B 2AC 3D」, 「b」): answers to the quiz the member was asked after 已学. No
 * keyword: parseCommand offers it only for text that calls no command (a bare number is a poll's answer).
 */
export const answerQuizCommand: Command = {
  name: 'answer-quiz',
  keywords: [],
  nearMiss: quizAnswerPattern,
  takesArguments: false,
  needsMember: true,
  async handle(ctx) {
    const result = await answerQuiz(ctx.db, { memberId: ctx.sender.member!.id, text: ctx.args, now: ctx.message.sentAt });
    if (result.outcome === 'no-attempt') {
      ctx.reply(`没有看懂您的消息。\n${ctx.menu()}`);
      return;
    }
    ctx.reply(
      result.outcome === 'partial'
        ? `已记录。「${result.title}」还有第 ${result.remaining.join('、')} 题未答，如「${result.remaining[0]}B」。`
        : quizResultText(result),
    );
  },
};
