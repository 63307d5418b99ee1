import { getJobStats } from '../../domain/jobs/get-job-stats.ts';
import { localYear } from '../../domain/shared/local-year.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** 就业统计: job seekers, interested and placed this year, per organisation of the secretary's and below. */
export const jobStatsCommand: Command = {
  name: 'job-stats',
  keywords: ['就业统计'],
  takesArguments: false,
  needsMember: true,
  forSecretaries: true,
  help: '就业统计 —— （书记）返乡求职、有意向、今年已就业的人数',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const path = secretary.organizationPath;
    const { from } = localYear(ctx.message.sentAt, ctx.config.APP_TIME_ZONE);
    const rows = await getJobStats(ctx.db, { organizationPath: path, yearStart: from });
    if (rows.length === 0) {
      ctx.reply(`${path}（含下级组织）还没有党员登记返乡求职。`);
      return;
    }
    ctx.reply(
      [
        `💼 ${path}（含下级组织）返乡就业：`,
        ...rows.map((row) => `· ${row.organizationPath}：求职中 ${row.seeking} 人，今年有意向 ${row.interested} 人，今年已就业 ${row.placedThisYear} 人`),
      ].join('\n'),
    );
  },
};
