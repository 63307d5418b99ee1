import { recordSuggestion, suggestionTextLimit } from '../../domain/suggestions/record-suggestion.ts';
import type { Command } from '../command.ts';

/** 建议 <内容>: 建言献策 — a member's suggestion for the district, read by their secretaries. */
export const suggestCommand: Command = {
  name: 'suggest',
  keywords: ['建议', '建言'],
  takesArguments: true,
  needsMember: true,
  answersPrivately: true,
  help: '建议 内容 —— 为社区发展建言献策，例如「建议 周末开放党群服务中心的自习室」',
  async handle(ctx) {
    if (!ctx.args) {
      ctx.reply('请在「建议」后面写上您的想法，例如「建议 周末开放党群服务中心的自习室」。');
      return;
    }
    if ([...ctx.args].length > suggestionTextLimit) {
      ctx.reply(`建议最多 ${suggestionTextLimit} 字，请精简后重新发送，或分几条发送。`);
      return;
    }
    await recordSuggestion(ctx.db, { member: ctx.sender.member!, text: ctx.args, messageId: ctx.message.id, at: ctx.message.sentAt });
    ctx.reply('谢谢您的建议！已转给支部书记，书记会在每周简报里看到。');
  },
};
