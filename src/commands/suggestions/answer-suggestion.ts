import { replyToSuggestion, suggestionReplyLimit } from '../../domain/suggestions/reply-to-suggestion.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

const usage = '格式：回复建议 编号 内容，例如「回复建议 12 已转社区，下周开放自习室」（编号见「建议列表」）。';

/** 回复建议 <编号> <内容>: the secretary's answer goes to the member through the outbox, once per suggestion. */
export const answerSuggestionCommand: Command = {
  name: 'answer-suggestion',
  keywords: ['回复建议'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '回复建议 编号 内容 —— （书记）答复党员的建议，例如「回复建议 12 已转社区，下周开放自习室」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const match = /^(\d{1,10})\s+(.+)$/s.exec(ctx.args);
    if (!match) {
      ctx.reply(usage);
      return;
    }
    const suggestionId = Number(match[1]);
    const text = match[2]!.trim();
    if (text.length > suggestionReplyLimit) {
      ctx.reply(`回复太长（最多 ${suggestionReplyLimit} 字），请精简后重新发送。`);
      return;
    }
    const result = await replyToSuggestion(ctx.db, { suggestionId, scopePath: secretary.organizationPath, secretaryId: secretary.id, text, now: ctx.message.sentAt });
    switch (result.outcome) {
      case 'not-found':
        ctx.reply(unknownSuggestionText(suggestionId, secretary.organizationPath));
        return;
      case 'already-replied':
        ctx.reply(`建议 ${suggestionId} 已经回复过，每条建议只回复一次。`);
        return;
      case 'replied':
        if (result.deliveryId !== null) ctx.deliver([result.deliveryId]);
        ctx.reply(result.deliveryId !== null ? `已回复建议 ${suggestionId}，正在发送给党员。` : `已记下对建议 ${suggestionId} 的回复；该党员未绑定微信，收不到。`);
    }
  },
};

/** A number that names no 建议 the secretary may see (another branch's is answered the same). */
export function unknownSuggestionText(suggestionId: number, scopePath: string): string {
  return `没有编号为 ${suggestionId} 的建议（${scopePath} 及下级组织）。发送「建议列表」查看编号。`;
}
