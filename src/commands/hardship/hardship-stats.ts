import { getHardshipStats } from '../../domain/hardship/get-hardship-stats.ts';
import { localDay, localDayBounds } from '../../domain/shared/local-day.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** 帮扶统计 (secretary): open hardship cases, help given this year and amounts by kind, organisation and below. */
export const hardshipStatsCommand: Command = {
  name: 'hardship-stats',
  keywords: ['帮扶统计'],
  takesArguments: false,
  needsMember: true,
  forSecretaries: true,
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const timeZone = ctx.config.APP_TIME_ZONE;
    const year = localDay(ctx.message.sentAt, timeZone).slice(0, 4);
    const stats = await getHardshipStats(ctx.db, { organizationPath: secretary.organizationPath, since: localDayBounds(`${year}-01-01`, timeZone).start });
    ctx.reply(
      [
        `🤲 ${secretary.organizationPath}（含下级组织）困难帮扶`,
        `未结案：${stats.openCases} 件`,
        `${year}年帮扶：${stats.helpsThisYear} 次，${stats.membersHelpedThisYear} 人`,
        ...stats.byKind.map((row) => `· ${row.kind}：${row.count} 次${row.amount ? `，共 ${row.amount} 元` : ''}`),
      ].join('\n'),
    );
  },
};
