import type { SenderMember } from '../domain/shared/sender.ts';
import type { CommandContext } from './context.ts';

/**
 * Secretary commands (活动, 通知, 统计 …) are sent to the bot in a direct chat by a secretary
 * or admin. Anyone else is told why, and nothing happens.
 */
export function secretaryInDirectChat(ctx: CommandContext): SenderMember | null {
  const member = ctx.sender.member!;
  if (member.role === 'MEMBER') {
    // A bare 确认 / 取消 in a group is likely chatter, not an attempt: let it pass unanswered.
    if (ctx.isDirect || ctx.args) ctx.reply('无权限：只有书记或管理员可以使用这个指令。');
    return null;
  }
  if (!ctx.isDirect) {
    ctx.reply('请私聊我发送这个指令。');
    return null;
  }
  return member;
}

/** "@志愿者 十二月…" → target 志愿者 and the rest; no leading @ → no target. */
export function splitTarget(args: string): { targetTag: string | null; rest: string } {
  const match = /^@(\S+)\s*(.*)$/s.exec(args);
  return match ? { targetTag: match[1]!, rest: match[2]!.trim() } : { targetTag: null, rest: args };
}
