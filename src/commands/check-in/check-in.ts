import { localDay } from '../../domain/shared/local-day.ts';
import type { SenderMember } from '../../domain/shared/sender.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';

/** 签到 1234: the on-site code of an activity (see AttendanceBook), not a place. */
const checkInCodePattern = /^\d{4}$/;

/**
 * 签到 [地点 | 现场签到码]: one check-in per member per local day, in a direct chat or a linked group;
 * with an activity's on-site code, in a direct chat during its window, attendance too.
 */
export const checkInCommand: Command = {
  name: 'check-in',
  keywords: ['签到'],
  takesArguments: true,
  needsMember: true,
  help: '签到 [所在地] —— 每日签到，例如「签到 西宁市城北区」',
  handle(ctx) {
    const member = ctx.sender.member!;
    if (ctx.group && ctx.group.organizationId === null) {
      ctx.reply('本群尚未关联党组织，签到未计入。请书记在群里发送「绑定本群 组织名称」，或私聊我发送「签到」。');
      return;
    }
    const code = checkInCodePattern.test(ctx.args) ? ctx.args : null;
    const attendance = recordAttendance(ctx, member, code);
    const day = localDay(ctx.message.sentAt, ctx.config.APP_TIME_ZONE);
    const recordedBy = ctx.checkIns.recordedBy(member.id, day);
    if (recordedBy && recordedBy !== ctx.message.id) {
      ctx.reply(attendance.recorded ? `✅ ${attendance.text}` : attendance.text || '您今天已经签到过了，明天再来吧。');
      return;
    }
    const place = code ? null : ctx.args.slice(0, 100) || null;
    if (!recordedBy) {
      ctx.checkIns.add({
        memberId: member.id,
        day,
        at: ctx.message.sentAt,
        place,
        chatGroupId: ctx.group?.id ?? null,
        messageId: ctx.message.id,
      });
    }
    // In a group the bot answers a burst of check-ins with one summary (delivery/group-summary.ts).
    if (ctx.isDirect) {
      ctx.reply(`✅ 签到成功！${formatDay(day)}${place ? `，${place}` : ''}。${attendance.text}发送「我的」查看签到记录。`);
    } else if (attendance.text) {
      ctx.reply(attendance.text);
    }
  },
};

/** Attendance at the activities whose check-in window is open, and what to tell the member about it ('' for nothing). */
function recordAttendance(ctx: CommandContext, member: SenderMember, code: string | null): { recorded: boolean; text: string } {
  // Posted in a group the code would reach members who are not there: it counts in a direct chat only.
  const { attended, missed } = ctx.attendance.record(member, ctx.message.sentAt, ctx.isDirect ? code : null);
  if (attended.length > 0) return { recorded: true, text: `已记录您出席「${attended.join('」「')}」。` };
  if (missed.length === 0 || (!ctx.isDirect && !code)) return { recorded: false, text: '' };
  if (!ctx.isDirect) return { recorded: false, text: '签到码请私聊我发送（发在群里大家都能看到），本次未记为出席。' };
  const titles = `「${missed.join('」「')}」`;
  return {
    recorded: false,
    text: code
      ? `签到码不对，未记为${titles}出席，请核对现场公布的签到码。`
      : `未记为${titles}出席：在活动现场请私聊我发送「签到 签到码」（书记现场公布）。`,
  };
}

function formatDay(day: string): string {
  const [, month, date] = day.split('-');
  return `${Number(month)}月${Number(date)}日`;
}
