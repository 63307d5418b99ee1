import { changeTeamMembership } from '../../domain/teams/change-team-membership.ts';
import { isTeamName, teamNameUsage } from '../../domain/teams/team-name.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';

/** 加入 <队名>: a member joins a volunteer team open to them. */
export const joinTeamCommand: Command = {
  name: 'join-team',
  keywords: ['加入'],
  takesArguments: true,
  needsMember: true,
  help: '加入 队名 —— 加入志愿服务队，例如「加入 政策宣传」',
  handle: (ctx) => changeMembership(ctx, true),
};

/** 退出 <队名>: a member leaves a team. */
export const leaveTeamCommand: Command = {
  name: 'leave-team',
  keywords: ['退出'],
  takesArguments: true,
  needsMember: true,
  handle: (ctx) => changeMembership(ctx, false),
};

async function changeMembership(ctx: CommandContext, join: boolean): Promise<void> {
  const keyword = join ? '加入' : '退出';
  const name = ctx.args;
  if (!isTeamName(name)) {
    ctx.reply(teamNameUsage(keyword));
    return;
  }
  const outcome = await changeTeamMembership(ctx.db, { member: ctx.sender.member!, name, join });
  const replies = {
    joined: `欢迎加入志愿服务队「${name}」！队里的活动会邀请您，出席签到计入服务时长（发送「我的」查看）。`,
    left: `您已退出志愿服务队「${name}」。`,
    already: `您已经是「${name}」的队员了。`,
    'not-member': `您不在「${name}」队中。`,
    'unknown-team': `没有您可以${keyword}的服务队「${name}」。发送「队伍」查看可加入的服务队。`,
  } as const;
  ctx.reply(replies[outcome]);
}
