import { countAudience } from '../../domain/broadcasts/count-audience.ts';
import { createBroadcastPreview } from '../../domain/activities/create-broadcast-preview.ts';
import { findActivityTime } from '../../domain/activities/parse-activity-time.ts';
import { parseServiceDuration } from '../../domain/teams/parse-service-duration.ts';
import { formatHours } from '../../domain/teams/format-hours.ts';
import { mentionsToday, notToday, timingText } from '../../domain/shared/sending-forecast.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';
import { secretaryInDirectChat, splitTarget } from '../guards.ts';

const usage = '格式：活动 标题 时间 地点 [说明] [时长 2小时]，例如「活动 十二月主题党日 12月1日14:30 祁连路社区党群服务中心 学习全会精神」。';

/** The longest 活动 or 通知 a secretary may send (what follows the keyword): members read it on a phone. */
export const broadcastTextLimit = 1000;
export const tooLongText = `内容太长（最多 ${broadcastTextLimit} 字），请精简后重新发送。`;

/** `紧急 …` at the front of a 通知 or 活动: that one message passes the members' daily cap (never quiet hours or the account's limits). */
export function splitUrgent(text: string): { urgent: boolean; rest: string } {
  const match = /^紧急(?:\s+|$)/.exec(text);
  return match ? { urgent: true, rest: text.slice(match[0].length) } : { urgent: false, rest: text };
}

/** 活动[@标签] <标题> <时间> <地点> [说明]: a secretary previews an invitation; 确认 sends it. */
export const activityCommand: Command = {
  name: 'activity',
  keywords: ['活动'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '活动 标题 时间 地点 [说明] [时长 2小时] —— （书记）发起活动邀请，确认后发送；「活动@政策宣传 …」只邀请该服务队的队员',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const target = splitTarget(ctx.args);
    const { urgent, rest } = splitUrgent(target.rest);
    const { targetTag } = target;
    if (rest.length > broadcastTextLimit) {
      ctx.reply(tooLongText);
      return;
    }
    const duration = parseServiceDuration(rest.split(' ').filter(Boolean));
    if (!duration.ok) {
      ctx.reply(`${duration.reason}\n${usage}`);
      return;
    }
    const tokens = duration.rest;
    const time = findActivityTime(tokens, { now: ctx.message.sentAt, timeZone: ctx.config.APP_TIME_ZONE });
    if (!time.ok) {
      ctx.reply(`${time.reason}\n${usage}`);
      return;
    }
    const title = tokens.slice(0, time.index).join(' ');
    const [place, ...description] = tokens.slice(time.index + time.consumed);
    if (!title || !place) {
      ctx.reply(`${title ? '缺少地点' : '缺少标题'}。${usage}`);
      return;
    }
    const preview = await createBroadcastPreview(ctx.db, {
      secretary,
      targetTag,
      urgent,
      timeZone: ctx.config.APP_TIME_ZONE,
      request: {
        kind: 'INVITATION',
        title,
        startsAt: time.startsAt,
        place,
        description: description.join(' ') || null,
        ...(duration.minutes ? { durationMinutes: duration.minutes } : {}),
      },
    });
    await replyWithPreview(ctx, { ...preview, organizationPath: secretary.organizationPath, targetTag, urgent, serviceHours: preview.serviceMinutes / 60 });
  },
};

/** The preview both 活动 and 通知 answer with: the text, who it reaches, and how to go on. */
export async function replyWithPreview(
  ctx: CommandContext,
  preview: {
    broadcastId: number;
    text: string;
    urgent: boolean;
    activityId: number | null;
    checkInCode: string | null;
    organizationPath: string;
    targetTag: string | null;
    /** An activity's 时长, credited to those who attend. */
    serviceHours?: number;
  },
): Promise<void> {
  const [audience, forecast] = await Promise.all([
    countAudience(ctx.db, { organizationPath: preview.organizationPath, targetTag: preview.targetTag }),
    ctx.forecast(preview.broadcastId),
  ]);
  const timeZone = ctx.config.APP_TIME_ZONE;
  const late = forecast ? notToday(forecast, timeZone) : 0;
  const who = `${preview.organizationPath}${preview.targetTag ? `（标签「${preview.targetTag}」）` : ''}`;
  ctx.reply(
    [
      preview.activityId ? `请确认活动（编号 ${preview.activityId}）：` : '请确认通知：',
      '────────',
      preview.text,
      '────────',
      ...(preview.checkInCode ? [checkInCodeText(preview.checkInCode)] : []),
      ...(preview.serviceHours ? [`服务时长：${formatHours(preview.serviceHours)} 小时（签到出席者计入；改时长加「时长 3小时」）`] : []),
      `将私聊发送给 ${who} 的 ${audience.reachable} 名党员` +
        (audience.groups > 0 ? `，并发到 ${audience.groups} 个群` : '') +
        (audience.members > audience.reachable ? `；另有 ${audience.members - audience.reachable} 人未绑定微信，收不到。` : '。'),
      ...(forecast && audience.reachable > 0 ? [`预计${timingText(forecast, timeZone)}。`] : []),
      ...(preview.urgent ? ['紧急：越过每人每日条数上限（免打扰时段和账号限额照常）。'] : []),
      ...(late > 0 && mentionsToday(preview.text)
        ? [`⚠️ 内容提到今天，但有 ${late} 人今天收不到。${preview.urgent ? '' : '确有必要可在关键词后加「紧急」重发，越过每日上限，如「通知 紧急 …」。'}`]
        : []),
      '回复「确认」发送，回复「取消」作废。',
    ].join('\n'),
  );
}

/** For the secretary only: members' invitations do not carry the code, so a 签到 from elsewhere is not attendance. */
export function checkInCodeText(code: string): string {
  return `现场签到码：${code}（活动时向到场党员宣读，党员私聊我发送「签到 ${code}」记为出席；请勿发到群里）`;
}
