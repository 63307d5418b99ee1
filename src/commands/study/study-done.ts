import { getStudyRecord } from '../../domain/study/get-study-record.ts';
import { quizQuestionsText } from '../../domain/study/quiz-text.ts';
import { recordStudyConfirmation } from '../../domain/study/record-study-confirmation.ts';
import { startQuizAttempt } from '../../domain/study/start-quiz-attempt.ts';
import type { Command } from '../command.ts';

/** 已学 / 学习打卡: the member confirms the 学习包 they received last, and is asked its quiz (graded once, then once for practice). */
export const studyDoneCommand: Command = {
  name: 'study-done',
  keywords: ['已学', '学习打卡'],
  takesArguments: false,
  needsMember: true,
  help: '已学 / 学习打卡 —— 学完收到的学习包后打卡',
  async handle(ctx) {
    const member = ctx.sender.member!;
    const result = await recordStudyConfirmation(ctx.db, { memberId: member.id, now: ctx.message.sentAt });
    if (result.outcome === 'no-pack') {
      ctx.reply('您还没有收到学习包，暂时不用打卡。学习包每周推送，学完后回复「已学」即可。');
      return;
    }
    const record = await getStudyRecord(ctx.db, { memberId: member.id, now: ctx.message.sentAt, timeZone: ctx.config.APP_TIME_ZONE });
    const title = result.studyPack.title;
    const quiz = await startQuizAttempt(ctx.db, { studyPackId: result.studyPack.id, memberId: member.id, now: ctx.message.sentAt });
    ctx.reply(
      [
        result.outcome === 'confirmed'
          ? `感谢学习！「${title}」已打卡，这是您今年第 ${record.confirmationsThisYear} 次学习打卡。`
          : `您已经为「${title}」打过卡了，不用重复打卡。今年已学习打卡 ${record.confirmationsThisYear} 次。`,
        ...(quiz.outcome === 'started' || quiz.outcome === 'open' ? [quizQuestionsText(result.studyPack, quiz.questions, { graded: quiz.graded })] : []),
        ...(quiz.outcome === 'done' ? ['本学习包的测试和练习都已完成。'] : []),
      ].join('\n'),
    );
  },
};
