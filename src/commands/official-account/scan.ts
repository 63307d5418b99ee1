import { findScannedActivity } from '../../domain/activities/activity-qr-scene.ts';
import { isInvited } from '../../domain/activities/find-open-activities.ts';
import { localDateTime } from '../../domain/shared/local-time.ts';
import { checkInCommand } from '../check-in/check-in.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';

/**
 * A member scanned an activity's QR code on the official account (SCAN, or a follow by scanning):
 * during the check-in window it is attendance and the day's check-in, as `签到 <现场签到码>` in a
 * direct chat; otherwise the member is told why and nothing is recorded. Not typed: WeChat's event.
 */
export const scanCommand: Command = {
  name: 'oa-scan',
  keywords: [],
  takesArguments: true,
  storesNoText: true,
  needsMember: true,
  handle: (ctx) => attendByScan(ctx),
};

export async function attendByScan(ctx: CommandContext): Promise<void> {
  const member = ctx.sender.member!;
  const activity = await findScannedActivity(ctx.db, ctx.args);
  if (!activity) {
    ctx.reply('这个二维码已失效（活动不存在或已取消），未记录出席。');
    return;
  }
  if (!isInvited(member, activity)) {
    ctx.reply(`「${activity.title}」是${activity.organization.name}的活动，您不在邀请范围内，未记录出席。`);
    return;
  }
  const { ACTIVITY_CHECK_IN_OPENS_MINUTES: opensMinutes, ACTIVITY_CHECK_IN_CLOSES_MINUTES: closesMinutes, APP_TIME_ZONE: timeZone } = ctx.config;
  const opens = new Date(activity.startsAt.getTime() - opensMinutes * 60_000);
  const closes = new Date(activity.startsAt.getTime() + closesMinutes * 60_000);
  const at = ctx.message.sentAt;
  if (at < opens || at > closes) {
    ctx.reply(`「${activity.title}」现场签到时间为 ${localDateTime(opens, timeZone)} 至 ${localDateTime(closes, timeZone).slice(11)}，现在不在签到时间内，未记录出席。`);
    return;
  }
  await checkInCommand.handle({ ...ctx, isDirect: true, args: activity.checkInCode });
}
