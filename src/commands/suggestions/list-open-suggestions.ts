import { listSuggestions } from '../../domain/suggestions/list-suggestions.ts';
import { localDay } from '../../domain/shared/local-day.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** How many open 建议 one 建议列表 shows: a chat message, not a report (the console lists them all). */
const shown = 20;

/** 建议列表: the open 建议 of the secretary's organisation and below, with the numbers to answer them by. */
export const listOpenSuggestionsCommand: Command = {
  name: 'list-suggestions',
  keywords: ['建议列表'],
  takesArguments: false,
  needsMember: true,
  forSecretaries: true,
  help: '建议列表 —— （书记）待回复的建言献策及编号',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const path = secretary.organizationPath;
    const rows = await listSuggestions(ctx.db, { organizationPath: path, limit: shown + 1, openOnly: true });
    if (rows.length === 0) {
      ctx.reply(`✅ ${path}（含下级组织）没有待回复的建议。`);
      return;
    }
    const lines = rows.slice(0, shown).map((row) => {
      const text = row.text.length > 60 ? `${row.text.slice(0, 60)}…` : row.text;
      return `${row.id}. ${row.memberName}（${localDay(row.createdAt, ctx.config.APP_TIME_ZONE)}）：${text}`;
    });
    ctx.reply(
      [
        `💡 ${path}（含下级组织）待回复的建议${rows.length > shown ? `（最近 ${shown} 条）` : ''}：`,
        ...lines,
        '回复「回复建议 编号 内容」答复党员，「采纳 编号」标记采纳并告知党员。',
      ].join('\n'),
    );
  },
};
