import { adoptSuggestion } from '../../domain/suggestions/adopt-suggestion.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';
import { unknownSuggestionText } from './answer-suggestion.ts';

/** 采纳 <编号>: marks a 建议 adopted and tells the member, once. */
export const adoptSuggestionCommand: Command = {
  name: 'adopt-suggestion',
  keywords: ['采纳'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '采纳 编号 —— （书记）采纳党员的建议并告知本人，例如「采纳 12」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    if (!/^\d{1,10}$/.test(ctx.args)) {
      ctx.reply('格式：采纳 编号，例如「采纳 12」（编号见「建议列表」）。');
      return;
    }
    const suggestionId = Number(ctx.args);
    const result = await adoptSuggestion(ctx.db, { suggestionId, scopePath: secretary.organizationPath, secretaryId: secretary.id, now: ctx.message.sentAt });
    switch (result.outcome) {
      case 'not-found':
        ctx.reply(unknownSuggestionText(suggestionId, secretary.organizationPath));
        return;
      case 'already-adopted':
        ctx.reply(`建议 ${suggestionId} 已经采纳过了。`);
        return;
      case 'adopted':
        if (result.deliveryId !== null) ctx.deliver([result.deliveryId]);
        ctx.reply(result.deliveryId !== null ? `已采纳建议 ${suggestionId}，正在告知党员。` : `已采纳建议 ${suggestionId}；该党员未绑定微信，收不到通知。`);
    }
  },
};
