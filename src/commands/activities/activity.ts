import { countAudience } from '../../domain/broadcasts/count-audience.ts';
import { createBroadcastPreview } from '../../domain/activities/create-broadcast-preview.ts';
import { findActivityTime } from '../../domain/activities/parse-activity-time.ts';
import { parseServiceDuration } from '../../domain/teams/parse-service-duration.ts';
import { formatHours } from '../../domain/teams/format-hours.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';
import { secretaryInDirectChat, splitTarget } from '../guards.ts';

const usage = '格式：活动 标题 时间 地点 [说明] [时长 2小时]，例如「活动 十二月主题党日 12月1日14:30 祁连路社区党群服务中心 学习全会精神」。';

/** The longest 活动 or 通知 a secretary may send (what follows the keyword): members read it on a phone. */
export const broadcastTextLimit = 1000;
export const tooLongText = `内容太长（最多 ${broadcastTextLimit} 字），请精简后重新发送。`;

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
    const { targetTag, rest } = splitTarget(ctx.args);
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
    await replyWithPreview(ctx, { ...preview, organizationPath: secretary.organizationPath, targetTag, serviceHours: preview.serviceMinutes / 60 });
  },
};

/** The preview both 活动 and 通知 answer with: the text, who it reaches, and how to go on. */
export async function replyWithPreview(
  ctx: CommandContext,
  preview: {
    text: string;
    activityId: number | null;
    checkInCode: string | null;
    organizationPath: string;
    targetTag: string | null;
    /** An activity's 时长, credited to those who attend. */
    serviceHours?: number;
  },
): Promise<void> {
  const audience = await countAudience(ctx.db, { organizationPath: preview.organizationPath, targetTag: preview.targetTag });
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
      '回复「确认」发送，回复「取消」作废。',
    ].join('\n'),
  );
}

/** For the secretary only: members' invitations do not carry the code, so a 签到 from elsewhere is not attendance. */
export function checkInCodeText(code: string): string {
  return `现场签到码：${code}（活动时向到场党员宣读，党员私聊我发送「签到 ${code}」记为出席；请勿发到群里）`;
}
