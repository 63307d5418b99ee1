import { claimStrangerAnswer } from '../domain/members/claim-stranger-answer.ts';
import type { ParsedCommand } from './command.ts';
import type { CommandContext } from './context.ts';

/** One line, not the menu: a long list in answer to 你好 reads like a wall on a phone. */
const unknownTextReply = '没有看懂您的消息，发送「帮助」查看常用指令。';

const bindPrompt = '您还没有绑定党员身份。请私聊我发送「绑定 姓名 手机号后四位」，例如「绑定 张三 1234」。';

/** A contact not bound to a member gets at most one answer this often in a direct chat. */
const strangerAnswerIntervalMs = 60 * 60_000;

/**
 * Runs the command a message calls. Group chatter that is not a command is ignored
 * (people chat!); in a direct chat it gets one line pointing to 帮助.
 */
export async function dispatch(ctx: CommandContext, parsed: ParsedCommand | null): Promise<void> {
  if (!ctx.sender.member && !(await mayAnswerStranger(ctx, parsed))) return;
  if (!parsed) {
    if (ctx.isDirect) ctx.reply(ctx.sender.member ? unknownTextReply : bindPrompt);
    return;
  }
  if (parsed.command.needsMember && !ctx.sender.member) {
    ctx.reply(bindPrompt);
    return;
  }
  if (parsed.command.answersPrivately && !ctx.isDirect) answerInDirectChat(ctx);
  await parsed.command.handle(ctx);
}

/** Every answer goes to the sender's direct chat; the group hears once that it did. */
function answerInDirectChat(ctx: CommandContext): void {
  const { reply: replyInGroup, replyPrivately } = ctx;
  let groupTold = false;
  ctx.reply = ctx.replyPrivately = (text) => {
    if (!groupTold) replyInGroup('已私聊回复您。');
    groupTold = true;
    replyPrivately(text);
  };
}

/**
 * A flood of messages from contacts not bound to a member must not crowd out members: such a
 * contact is answered at most once an hour in a direct chat, and asked to bind once in groups.
 * 绑定, how a stranger becomes a member, is always answered; 帮助 in a group has its own limit.
 */
async function mayAnswerStranger(ctx: CommandContext, parsed: ParsedCommand | null): Promise<boolean> {
  if (parsed?.command.name === 'bind') return true;
  if (!ctx.isDirect && !parsed?.command.needsMember) return true;
  if (!ctx.isDirect && ctx.sender.bindPromptedAt) return false;
  const at = ctx.message.sentAt;
  const withinMs = ctx.isDirect ? strangerAnswerIntervalMs : Infinity;
  if (!(await claimStrangerAnswer(ctx.db, { contactId: ctx.sender.contactId, at, withinMs }))) return false;
  ctx.sender.bindPromptedAt = at;
  return true;
}
