import { getCheckInRecord } from '../../domain/check-in/get-check-in-record.ts';
import { getStudyRecord } from '../../domain/study/get-study-record.ts';
import { formatHours } from '../../domain/teams/format-hours.ts';
import { getVolunteerHours } from '../../domain/teams/get-volunteer-hours.ts';
import { engagementLine } from '../../domain/talent/engagement-score.ts';
import { getOwnEngagement } from '../../domain/talent/get-own-engagement.ts';
import { getJobSeeker } from '../../domain/jobs/get-job-seeker.ts';
import { getSuggestionRecord, type SuggestionRecord } from '../../domain/suggestions/get-suggestion-record.ts';
import { localDay } from '../../domain/shared/local-day.ts';
import { formatCareDay, whereaboutsText } from '../../domain/care/care-text.ts';
import { formatLeaveDay, leaveLastDay } from '../../domain/leave/parse-leave.ts';
import { getOwnWhereabouts } from '../../domain/whereabouts/get-own-whereabouts.ts';
import type { Command } from '../command.ts';

/** 我的: the member's own record. */
export const meCommand: Command = {
  name: 'me',
  keywords: ['我的'],
  takesArguments: false,
  needsMember: true,
  answersPrivately: true,
  help: '我的 —— 查看我的签到、学习等记录',
  async handle(ctx) {
    const member = ctx.sender.member!;
    const today = localDay(ctx.message.sentAt, ctx.config.APP_TIME_ZONE);
    const [record, study, suggestions, service, engagement, job, whereabouts] = await Promise.all([
      getCheckInRecord(ctx.db, { memberId: member.id, today }),
      getStudyRecord(ctx.db, { memberId: member.id, now: ctx.message.sentAt, timeZone: ctx.config.APP_TIME_ZONE }),
      getSuggestionRecord(ctx.db, { memberId: member.id, latest: 3 }),
      getVolunteerHours(ctx.db, { memberId: member.id, now: ctx.message.sentAt, timeZone: ctx.config.APP_TIME_ZONE }),
      getOwnEngagement(ctx.db, { memberId: member.id, now: ctx.message.sentAt }),
      getJobSeeker(ctx.db, { memberId: member.id }),
      getOwnWhereabouts(ctx.db, { memberId: member.id, now: ctx.message.sentAt }),
    ]);
    const timeZone = ctx.config.APP_TIME_ZONE;
    const last = record.lastCheckIn
      ? `${record.lastCheckIn.day}${record.lastCheckIn.place ? `（${record.lastCheckIn.place}）` : ''}`
      : '还没有签到记录';
    ctx.reply(
      [
        `${member.name}（${member.organizationPath}）`,
        `最近签到：${last}`,
        `本月签到：${record.daysThisMonth} 天`,
        `连续签到：${record.streak} 天`,
        `学习：今年学习打卡 ${study.confirmationsThisYear} 次；领取党建书籍 ${study.books} 本` +
          (study.latestBook ? `（最近：《${study.latestBook}》）` : '') +
          (study.quizScores.length > 0 ? `；应知应会：${study.quizScores.map((q) => `「${q.title}」${q.score}/${q.questions}`).join('、')}` : ''),
        `志愿服务：今年出席活动 ${service.activities} 次，服务 ${formatHours(service.hours)} 小时` +
          (member.tags.length > 0 ? `；所在服务队：${member.tags.join('、')}` : ''),
        `去向：${whereaboutsText(whereabouts)}（${formatCareDay(whereabouts.since, ctx.message.sentAt, timeZone)}记录；有变化请发送「去向 城市 工作」）`,
        ...(whereabouts.leave
          ? [
              `请假：到 ${formatLeaveDay(leaveLastDay(whereabouts.leave.until, timeZone), ctx.message.sentAt, timeZone)}` +
                `${whereabouts.leave.reason ? `（${whereabouts.leave.reason}）` : ''}，提前回来请发送「销假」`,
            ]
          : []),
        ...suggestionLines(suggestions),
        ...(job
          ? [
              job.status === 'SEEKING'
                ? `就业：求职中${job.wishes.length > 0 ? `（${job.wishes.join('、')}）` : ''}，找到工作后请发送「已就业 单位」`
                : `就业：已就业${job.placedNote ? `（${job.placedNote}）` : ''}`,
            ]
          : []),
        ...(engagement
          ? [
              `特长：${engagement.skills.join('、') || '未填（发送「特长 …」登记）'}；${engagement.willingToServe ? '愿意回村任职' : '未表示愿意回村任职'}`,
              `近 12 个月参与：${engagementLine(engagement)}`,
            ]
          : []),
      ].join('\n'),
    );
  },
};

/** The member's own 建议 and the answers to the latest few; nothing when they have made none. */
function suggestionLines(record: SuggestionRecord): string[] {
  if (record.total === 0) return [];
  return [
    `建言献策：共 ${record.total} 条，被采纳 ${record.adopted} 条`,
    ...record.latest.map((row) => {
      const text = row.text.length > 20 ? `${row.text.slice(0, 20)}…` : row.text;
      const state = row.replyText ? `书记回复：${row.replyText}` : '待回复';
      return `  · ${text}${row.adopted ? '（已采纳）' : ''} —— ${state}`;
    }),
  ];
}
