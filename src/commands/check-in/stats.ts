import { activityPhase } from '../../domain/activities/activity-phase.ts';
import { attendanceWindowOf, type AttendanceWindow } from '../../domain/activities/attendance-book.ts';
import { getActivityStats, type ActivityStats } from '../../domain/activities/get-activity-stats.ts';
import {
  getOrganizationCheckInStats,
  weekStartOf,
  type OrganizationCheckInStats,
} from '../../domain/check-in/get-organization-check-in-stats.ts';
import { formatDateTime } from '../../domain/shared/format-date-time.ts';
import { localDay } from '../../domain/shared/local-day.ts';
import { canManageOrganization } from '../../domain/shared/organization-scope.ts';
import type { SenderMember } from '../../domain/shared/sender.ts';
import { nameList, namesShown } from '../../domain/shared/name-list.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** 统计 <编号> names at most this many of each group (报名, 出席, 未回复), then 「…等 N 人」; the console page names all. */
const activityNamesShown = 20;

/**
 * 统计 <编号>: invited / delivered / 报名 / attended counts of an activity, who said 报名, who attended and who has not answered.
 * 统计: today's check-in rate of the secretary's organisation (and below), and who has not checked in this week.
 * Names go only to a secretary (or admin) of the organisation concerned; they are never logged.
 */
export const statsCommand: Command = {
  name: 'stats',
  keywords: ['统计'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '统计 [编号] —— （书记）活动报名统计，例如「统计 12」；不写编号看今日签到率',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    if (!ctx.args) {
      await replyWithOrganizationStats(ctx, secretary);
      return;
    }
    const activityId = Number(ctx.args.replace(/^(编号|#)\s*/, ''));
    if (!Number.isInteger(activityId) || activityId <= 0) {
      ctx.reply('请写上活动编号，例如「统计 12」；只发「统计」查看今日签到率。');
      return;
    }
    await replyWithActivityStats(ctx, secretary, activityId);
  },
};

async function replyWithActivityStats(ctx: CommandContext, secretary: SenderMember, activityId: number): Promise<void> {
  const stats = await getActivityStats(ctx.db, { activityId, nameLimit: activityNamesShown });
  if (!stats) {
    ctx.reply(`没有找到编号为 ${activityId} 的活动，请核对编号。`);
    return;
  }
  if (!canManageOrganization(secretary, stats.activity.organizationPath)) {
    ctx.reply('无权限：这不是您所在组织的活动。');
    return;
  }
  const window = attendanceWindowOf(ctx.config);
  ctx.reply(activityStatsText(stats, { now: ctx.message.sentAt, timeZone: ctx.config.APP_TIME_ZONE, window }));
}

export function activityStatsText(stats: ActivityStats, options: { now: Date; timeZone: string; window: AttendanceWindow }): string {
  const { activity } = stats;
  const delivery = [
    `已送达 ${stats.delivered}`,
    ...(stats.pending > 0 ? [`待发送 ${stats.pending}`] : []),
    ...(stats.unreachable > 0 ? [`未绑定微信 ${stats.unreachable}`] : []),
    ...(stats.failed > 0 ? [`未发出 ${stats.failed}`] : []),
  ];
  const group = (label: string, names: string[], total: number) => `${label} ${total} 人${total > 0 ? `：${nameList(names, total)}` : ''}`;
  const lines = [
    `📊「${activity.title}」（编号 ${activity.id}）`,
    `时间：${formatDateTime(activity.startsAt, options)}　状态：${activityPhase(activity, options.now, options.window)}　现场签到码 ${activity.checkInCode}`,
    `邀请 ${stats.invited} 人：${delivery.join('，')}`,
    group('报名', stats.rsvpNames, stats.rsvpYes) + (stats.rsvpCancelled > 0 ? `（另有 ${stats.rsvpCancelled} 人取消报名）` : ''),
    group('出席', stats.attendedNames, stats.attended),
  ];
  if (stats.activity.status === 'DRAFT') {
    lines.push('活动尚未确认，邀请还没有发出。');
  } else if (stats.unanswered === 0) {
    lines.push(stats.invited > 0 ? '受邀党员都已回复。' : '');
  } else {
    lines.push(
      `未回复 ${stats.unanswered} 人` +
        (stats.unansweredUnreachable > 0 ? `（其中 ${stats.unansweredUnreachable} 人未绑定微信，收不到邀请）` : '') +
        `：${nameList(stats.unansweredNames, stats.unanswered)}`,
    );
  }
  return lines.filter(Boolean).join('\n');
}

async function replyWithOrganizationStats(ctx: CommandContext, secretary: SenderMember): Promise<void> {
  // Secretaries and admins alike see their own organisation and everything below it.
  const path = secretary.organizationPath;
  const today = localDay(ctx.message.sentAt, ctx.config.APP_TIME_ZONE);
  const weekStart = weekStartOf(today);
  const stats = await getOrganizationCheckInStats(ctx.db, { organizationPath: path, today, weekStart, nameLimit: namesShown });
  ctx.reply(organizationStatsText(stats, { organizationPath: path, today, weekStart }));
}

export function organizationStatsText(
  stats: OrganizationCheckInStats,
  options: { organizationPath: string; today: string; weekStart: string },
): string {
  const lines = [
    `📊 ${options.organizationPath}（含下级组织）签到统计`,
    `今日（${monthDay(options.today)}）签到：${stats.checkedInToday}/${stats.members}（${percent(stats.checkedInToday, stats.members)}）`,
    `本周（${monthDay(options.weekStart)}起）已签到 ${stats.checkedInThisWeek} 人，未签到 ${stats.notCheckedInThisWeek} 人` +
      (stats.notCheckedInThisWeekUnbound > 0 ? `（其中 ${stats.notCheckedInThisWeekUnbound} 人未绑定微信，无法签到）` : ''),
  ];
  if (stats.members === 0) lines.push('本组织名册中还没有党员。');
  else if (stats.notCheckedInThisWeek === 0) lines.push('本周全部党员都已签到。');
  else lines.push(`本周未签到：${nameList(stats.notCheckedInNames, stats.notCheckedInThisWeek)}`);
  return lines.join('\n');
}


function percent(part: number, whole: number): string {
  if (whole === 0) return '—';
  const value = Math.round((part * 1000) / whole) / 10;
  return `${value}%`;
}

function monthDay(day: string): string {
  const [, month, date] = day.split('-');
  return `${Number(month)}月${Number(date)}日`;
}
