import { countWaitingStudyPacks } from '../../domain/study/count-waiting-study-packs.ts';
import { getQuizStats, type QuizStats } from '../../domain/study/get-quiz-stats.ts';
import { getStudyStats, type StudyStats } from '../../domain/study/get-study-stats.ts';
import { localDay } from '../../domain/shared/local-day.ts';
import { nameList, namesShown } from '../../domain/shared/name-list.ts';
import { unreachedText, type SendingForecast } from '../../domain/shared/sending-forecast.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';


/**
 * 学习统计: how the last three 学习包 of the secretary's organisation (and below) went — 已学 out
 * of delivered, and where a pack has a quiz how many answered it, their average score and the question most
 * got wrong — and who has not confirmed the latest. Names go only to the secretary.
 */
export const studyStatsCommand: Command = {
  name: 'study-stats',
  keywords: ['学习统计'],
  takesArguments: false,
  needsMember: true,
  forSecretaries: true,
  help: '学习统计 —— （书记）最近学习包的学习情况和未打卡名单',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const [stats, waiting] = await Promise.all([
      getStudyStats(ctx.db, { organizationPath: secretary.organizationPath, packLimit: 3, nameLimit: namesShown }),
      countWaitingStudyPacks(ctx.db, { organizationId: secretary.organizationId }),
    ]);
    const [forecasts, quizzes] = await Promise.all([
      Promise.all(stats.packs.map((pack) => (pack.broadcastId ? ctx.forecast(pack.broadcastId) : null))),
      getQuizStats(ctx.db, { organizationPath: secretary.organizationPath, studyPackIds: stats.packs.map((pack) => pack.id) }),
    ]);
    ctx.reply(studyStatsText(stats, { organizationPath: secretary.organizationPath, timeZone: ctx.config.APP_TIME_ZONE, waiting, forecasts, quizzes }));
  },
};

/** `forecasts`: per pack, when those not reached get it and why (the outbox's rules). */
export function studyStatsText(
  stats: StudyStats,
  options: { organizationPath: string; timeZone: string; waiting: number; forecasts: (SendingForecast | null)[]; quizzes?: Map<number, QuizStats> },
): string {
  const lines = [`📚 ${options.organizationPath}（含下级组织）学习统计`];
  const [latest] = stats.packs;
  if (!latest) {
    lines.push('还没有推送过学习包。');
  } else {
    stats.packs.forEach((pack, i) => {
      const pushed = monthDay(localDay(pack.pushedAt, options.timeZone));
      const forecast = options.forecasts[i];
      const why = forecast ? `：${unreachedText(forecast, options.timeZone)}` : '';
      lines.push(
        `「${pack.title}」${pushed}推送：${pack.delivered === 0 ? '还没有送达任何人' : `已学 ${pack.confirmed}/${pack.delivered} 人（${percent(pack.confirmed, pack.delivered)}）`}` +
          (pack.recipients > pack.delivered ? `，另有 ${pack.recipients - pack.delivered} 人未收到${why}` : ''),
      );
      const quiz = options.quizzes?.get(pack.id);
      if (quiz) lines.push(quizStatsLine(quiz));
    });
    if (stats.unconfirmed === 0) {
      lines.push(latest.recipients > 0 ? `「${latest.title}」全部党员都已打卡。` : '');
    } else {
      lines.push(
        `「${latest.title}」未打卡 ${stats.unconfirmed} 人` +
          (stats.unconfirmedUnreached > 0 ? `（其中 ${stats.unconfirmedUnreached} 人未收到）` : '') +
          `：${nameList(stats.unconfirmedNames, stats.unconfirmed)}`,
      );
    }
  }
  if (options.waiting > 0) lines.push(`队列中还有 ${options.waiting} 个学习包等待推送。`);
  return lines.filter(Boolean).join('\n');
}

/** 「  应知应会：已答 5 人，平均 2.4/3 分；错得最多：第 2 题「…」（3 人）」 */
export function quizStatsLine(quiz: QuizStats): string {
  if (quiz.answered === 0) return `  应知应会（${quiz.questions} 题）：还没有人答题`;
  return (
    `  应知应会：已答 ${quiz.answered} 人，平均 ${Math.round(quiz.averageScore * 10) / 10}/${quiz.questions} 分` +
    (quiz.mostWrong ? `；错得最多：第 ${quiz.mostWrong.position} 题「${quiz.mostWrong.text}」（${quiz.mostWrong.wrong} 人）` : '')
  );
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part * 1000) / whole) / 10}%`;
}

function monthDay(day: string): string {
  const [, month, date] = day.split('-');
  return `${Number(month)}月${Number(date)}日`;
}
