import { countWhereabouts } from '../../domain/whereabouts/count-whereabouts.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

const shown = 10;

/** 去向统计 (secretary): members of the organisation and below by city and by work. */
export const whereaboutsStatsCommand: Command = {
  name: 'whereabouts-stats',
  keywords: ['去向统计'],
  takesArguments: false,
  needsMember: true,
  forSecretaries: true,
  help: '去向统计 —— （书记）党员按现居地、工作分布；「去向 姓名」查看某人的去向记录',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const counts = await countWhereabouts(ctx.db, { organizationPath: secretary.organizationPath, limit: shown });
    const line = (row: { value: string | null; count: number }) => `· ${row.value ?? '不详'}：${row.count} 人`;
    ctx.reply(
      [
        `📍 ${secretary.organizationPath}（含下级组织）党员 ${counts.members} 人的去向`,
        `按现居地（前 ${shown}）：`,
        ...counts.byResidence.map(line),
        `按工作（前 ${shown}）：`,
        ...counts.byWorkplace.map(line),
      ].join('\n'),
    );
  },
};
