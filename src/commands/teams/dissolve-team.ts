import { dissolveTeam } from '../../domain/teams/dissolve-team.ts';
import { isTeamName, teamNameUsage } from '../../domain/teams/team-name.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** 解散 <名称>: a secretary dissolves a team of their own organisation; its members leave it. */
export const dissolveTeamCommand: Command = {
  name: 'dissolve-team',
  keywords: ['解散'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '解散 名称 —— （书记）解散本组织的志愿服务队，例如「解散 政策宣传」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const name = ctx.args;
    if (!isTeamName(name)) {
      ctx.reply(teamNameUsage('解散'));
      return;
    }
    const result = await dissolveTeam(ctx.db, { organizationId: secretary.organizationId, name });
    ctx.reply(
      result.outcome === 'dissolved'
        ? `已解散服务队「${name}」，${result.members} 名队员已退出。服务时长记录保留。`
        : `${secretary.organizationPath} 没有名为「${name}」的服务队。发送「队伍」查看本组织的服务队。`,
    );
  },
};
