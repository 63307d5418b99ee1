import { createTeam } from '../../domain/teams/create-team.ts';
import { isTeamName, teamNameUsage } from '../../domain/teams/team-name.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** The longest description of a team: a line in 队伍. */
const descriptionLimit = 100;

/** 建队 <名称> [说明]: a secretary creates a volunteer team (志愿服务队) of their organisation. */
export const createTeamCommand: Command = {
  name: 'create-team',
  keywords: ['建队'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '建队 名称 [说明] —— （书记）建立志愿服务队，如「建队 政策宣传」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const [name = '', ...rest] = ctx.args.split(' ').filter(Boolean);
    const description = rest.join(' ') || null;
    if (!isTeamName(name)) {
      ctx.reply(teamNameUsage('建队'));
      return;
    }
    if (description && description.length > descriptionLimit) {
      ctx.reply(`说明太长（最多 ${descriptionLimit} 字），请精简后重新发送。`);
      return;
    }
    const result = await createTeam(ctx.db, { organizationId: secretary.organizationId, name, description });
    ctx.reply(
      result.outcome === 'created'
        ? `已建立志愿服务队「${name}」（${secretary.organizationPath}）。党员发送「加入 ${name}」入队；「活动@${name} …」只邀请队员。`
        : `${secretary.organizationPath} 已有服务队「${name}」。发送「队伍」查看。`,
    );
  },
};
