import { localDay } from '../../domain/shared/local-day.ts';
import type { Command } from '../command.ts';

/** 签到 [地点]: one check-in per member per local day, in a direct chat or a linked group. */
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
    const attended = ctx.attendance.record(member, ctx.message.sentAt);
    const attendedText = attended.length > 0 ? `已记录您出席「${attended.join('」「')}」。` : '';
    const day = localDay(ctx.message.sentAt, ctx.config.APP_TIME_ZONE);
    const recordedBy = ctx.checkIns.recordedBy(member.id, day);
    if (recordedBy && recordedBy !== ctx.message.id) {
      ctx.reply(attendedText ? `✅ ${attendedText}` : `${member.name}，您今天已经签到过了，明天再来吧。`);
      return;
    }
    const place = ctx.args.slice(0, 100) || null;
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
      ctx.reply(`✅ 签到成功！${formatDay(day)}${place ? `，${place}` : ''}。${attendedText}发送「我的」查看签到记录。`);
    }
  },
};

function formatDay(day: string): string {
  const [, month, date] = day.split('-');
  return `${Number(month)}月${Number(date)}日`;
}
