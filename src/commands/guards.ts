import { findMemberInOrganization } from '../domain/shared/find-member-in-organization.ts';
import type { SenderMember } from '../domain/shared/sender.ts';
import type { CommandContext } from './context.ts';
import { splitNameAndDigits } from './name-and-digits.ts';

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

/**
 * The member named by `姓名 [手机号后四位]` (the command's text, or `text`) in the secretary's
 * organisation or below (解绑, 绑定码, 换号); otherwise the secretary is told what went wrong and the
 * result is null.
 */
export async function findMemberForSecretary(
  ctx: CommandContext,
  secretary: SenderMember,
  keyword: string,
  text = ctx.args,
): Promise<{ id: number; name: string } | null> {
  const { name, phoneLast4 } = splitNameAndDigits(text);
  if (!name || [...name].length > 20) {
    ctx.reply(`请写上党员姓名，例如「${keyword} 张三」；同名时加上手机号后四位：「${keyword} 张三 1234」。`);
    return null;
  }
  const found = await findMemberInOrganization(ctx.db, { organizationPath: secretary.organizationPath, name, phoneLast4 });
  if (found.outcome === 'found') return found.member;
  ctx.reply(
    found.outcome === 'ambiguous'
      ? `名册中有多位「${name}」，请加上手机号后四位，例如「${keyword} ${name} 1234」。`
      : `没有在${secretary.organizationPath}（含下级组织）的名册中找到「${name}」${phoneLast4 ? `（手机号后四位 ${phoneLast4}）` : ''}，请核对后重试。`,
  );
  return null;
}
