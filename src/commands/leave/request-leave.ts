import { formatLeaveDay, maxLeaveDays, maxLeaveReasonLength, parseLeaveRequest } from '../../domain/leave/parse-leave.ts';
import { startLeave } from '../../domain/leave/start-leave.ts';
import type { Command } from '../command.ts';

const usage = '格式：「请假 30天 跑长途」或「请假 到12月31日 外出务工」（事由可不写），最长 180 天。';

/**
 * 请假 30天 跑长途 / 请假 到12月31日 …: while on leave the member gets no nudges, is not listed in 未签到
 * and is never marked 疑似失联. The reason is personal: kept on the member only while the leave runs.
 */
export const requestLeaveCommand: Command = {
  name: 'request-leave',
  keywords: ['请假'],
  takesArguments: true,
  needsMember: true,
  answersPrivately: true,
  help: '请假 天数或日期 事由 —— 外出期间暂停问候提醒，例如「请假 30天 跑长途」「请假 到12月31日 外出务工」；「销假」提前结束',
  async handle(ctx) {
    const member = ctx.sender.member!;
    const now = ctx.message.sentAt;
    const timeZone = ctx.config.APP_TIME_ZONE;
    const request = parseLeaveRequest(ctx.args, now, timeZone);
    switch (request.outcome) {
      case 'unreadable':
        ctx.replyPrivately(usage);
        return;
      case 'past':
        ctx.replyPrivately(`${formatLeaveDay(request.lastDay, now, timeZone)}已经过去了，请写一个今天以后的日期。${usage}`);
        return;
      case 'reason-too-long':
        ctx.replyPrivately(`事由最多 ${maxLeaveReasonLength} 字，请写得简短些。${usage}`);
        return;
      case 'too-long':
        ctx.replyPrivately(`请假最长 ${maxLeaveDays} 天（这次是 ${request.days} 天）。请缩短一些，到期后可以再请。`);
        return;
      case 'ok':
        await startLeave(ctx.db, { memberId: member.id, until: request.until, reason: request.reason, now });
        ctx.replyPrivately(
          `已请假到 ${formatLeaveDay(request.lastDay, now, timeZone)}（含当天）。这期间助手不会发问候提醒，到期自动销假；` +
            '提前回来请发送「销假」。出门在外注意安全！',
        );
    }
  },
};
