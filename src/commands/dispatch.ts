import { recordBindPrompt } from '../domain/members/record-bind-prompt.ts';
import type { ParsedCommand } from './command.ts';
import type { CommandContext } from './context.ts';

const bindPrompt = '您还没有绑定党员身份。请私聊我发送「绑定 姓名 手机号后四位」，例如「绑定 张三 1234」。';

/**
 * Runs the command a message calls. Group chatter that is not a command is ignored
 * (people chat!); in a direct chat it gets the menu.
 */
export async function dispatch(ctx: CommandContext, parsed: ParsedCommand | null): Promise<void> {
  if (!parsed) {
    if (ctx.isDirect) ctx.reply(`没有看懂您的消息。\n${ctx.menu()}`);
    return;
  }
  if (parsed.command.needsMember && !ctx.sender.member) {
    await askToBind(ctx);
    return;
  }
  await parsed.command.handle(ctx);
}

/** In a direct chat the contact is always answered; in a group only once, not per message. */
async function askToBind(ctx: CommandContext): Promise<void> {
  if (!ctx.isDirect && ctx.sender.bindPromptedAt) return;
  ctx.reply(bindPrompt);
  if (!ctx.sender.bindPromptedAt) {
    ctx.sender.bindPromptedAt = ctx.message.sentAt;
    await recordBindPrompt(ctx.db, { contactId: ctx.sender.contactId, at: ctx.message.sentAt });
  }
}
