import { formatHours } from '../../domain/teams/format-hours.ts';
import { getVolunteerStats } from '../../domain/teams/get-volunteer-stats.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** 志愿统计: per team of the secretary's organisation and below, members, active members and service hours this year. */
export const volunteerStatsCommand: Command = {
  name: 'volunteer-stats',
  keywords: ['志愿统计'],
  takesArguments: false,
  needsMember: true,
  forSecretaries: true,
  help: '志愿统计 —— （书记）各志愿服务队今年的服务时长和活跃队员',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const path = secretary.organizationPath;
    const teams = await getVolunteerStats(ctx.db, { organizationPath: path, now: ctx.message.sentAt, timeZone: ctx.config.APP_TIME_ZONE });
    if (teams.length === 0) {
      ctx.reply(`${path}（含下级组织）还没有志愿服务队。发送「建队 政策宣传 [说明]」建立。`);
      return;
    }
    ctx.reply(
      [
        `🙋 ${path}（含下级组织）志愿服务今年统计：`,
        ...teams.map((team) => `· ${team.name}（${team.organizationPath}）队员 ${team.members} 人，活跃 ${team.active} 人，服务 ${formatHours(team.hours)} 小时`),
        '活跃：今年至少出席一次本队活动（「活动@队名」，现场签到码签到）；时长按活动的「时长」计入。',
      ].join('\n'),
    );
  },
};
