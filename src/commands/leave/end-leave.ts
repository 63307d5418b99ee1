import { endLeave } from '../../domain/leave/end-leave.ts';
import type { Command } from '../command.ts';

/** 销假: ends the member's leave early. */
export const endLeaveCommand: Command = {
  name: 'end-leave',
  keywords: ['销假'],
  takesArguments: false,
  needsMember: true,
  answersPrivately: true,
  help: '销假 —— 提前结束请假',
  async handle(ctx) {
    const ended = await endLeave(ctx.db, { memberId: ctx.sender.member!.id, now: ctx.message.sentAt });
    ctx.replyPrivately(ended ? '已销假，欢迎回来！' : '您目前没有在请假。');
  },
};
