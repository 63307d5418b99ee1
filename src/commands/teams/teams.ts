import { listOpenTeams } from '../../domain/teams/list-open-teams.ts';
import { listScopedTeams } from '../../domain/teams/list-scoped-teams.ts';
import type { Command } from '../command.ts';

/** 队伍: a secretary (direct chat) sees the teams of their organisation and below with member counts; a member, the teams open to them. */
export const teamsCommand: Command = {
  name: 'teams',
  keywords: ['队伍'],
  takesArguments: false,
  needsMember: true,
  help: '队伍 —— 查看志愿服务队；「加入 政策宣传」入队，「退出 政策宣传」退队',
  async handle(ctx) {
    const member = ctx.sender.member!;
    if (member.role !== 'MEMBER' && ctx.isDirect) {
      const teams = await listScopedTeams(ctx.db, { organizationPath: member.organizationPath });
      ctx.reply(
        teams.length === 0
          ? `${member.organizationPath}（含下级组织）还没有志愿服务队。发送「建队 政策宣传 [说明]」建立。`
          : [
              `🙋 ${member.organizationPath}（含下级组织）的志愿服务队：`,
              ...teams.map((team) => `· ${team.name}（${team.organizationPath}）${team.members} 人${team.description ? `：${team.description}` : ''}`),
              '「活动@队名 …」只邀请该队队员；「志愿统计」查看服务时长。',
            ].join('\n'),
      );
      return;
    }
    const teams = await listOpenTeams(ctx.db, { organizationPath: member.organizationPath });
    if (teams.length === 0) {
      ctx.reply('您所在的组织还没有志愿服务队。');
      return;
    }
    ctx.reply(
      [
        '您可以加入的志愿服务队：',
        ...teams.map((team) => `· ${team.name}${member.tags.includes(team.name) ? '（已加入）' : ''}${team.description ? `：${team.description}` : ''}`),
        '发送「加入 队名」入队，「退出 队名」退队。',
      ].join('\n'),
    );
  },
};
