import { findOrganization } from '../../domain/members/find-organization.ts';
import { linkChatGroup } from '../../domain/members/link-chat-group.ts';
import { canManageOrganization } from '../../domain/shared/organization-scope.ts';
import type { Command } from '../command.ts';

/** 绑定本群 <组织>: a secretary or admin links the group chat to an organisation. */
export const bindGroupCommand: Command = {
  name: 'bind-group',
  keywords: ['绑定本群'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '绑定本群 组织名称 —— （书记）在群里发送，群内签到计入该组织，例如「绑定本群 城北区/祁连路社区/流动党员支部」',
  async handle(ctx) {
    const member = ctx.sender.member!;
    if (!ctx.group) {
      ctx.reply('请在要关联的群聊里发送「绑定本群 组织名称」。');
      return;
    }
    if (member.role === 'MEMBER') {
      ctx.reply('无权限：只有书记或管理员可以关联本群。');
      return;
    }
    const organizationName = ctx.args || member.organizationPath;
    const found = await findOrganization(ctx.db, organizationName);
    if (found.outcome === 'not-found') {
      ctx.reply(`没有找到组织「${organizationName}」，请发送完整名称，例如「绑定本群 城北区/祁连路社区/流动党员支部」。`);
      return;
    }
    if (found.outcome === 'ambiguous') {
      ctx.reply(`有多个组织叫「${organizationName}」，请发送完整路径：\n${found.paths.join('\n')}`);
      return;
    }
    const { organization } = found;
    if (!canManageOrganization(member, organization.path)) {
      ctx.reply(`无权限：您不是「${organization.path}」的书记。`);
      return;
    }
    // A linked group belongs to its organisation: only those who run it (or above) may move it.
    const current = ctx.group.organizationPath;
    if (current && !canManageOrganization(member, current)) {
      ctx.reply(`无权限：本群已关联「${current}」，只有该组织或上级组织的书记、管理员可以更改。`);
      return;
    }
    await linkChatGroup(ctx.db, { roomId: ctx.group.id, organizationId: organization.id, now: ctx.message.sentAt, account: ctx.config.BOT_NAME });
    ctx.group.organizationId = organization.id;
    ctx.group.organizationPath = organization.path;
    ctx.reply(`本群已关联「${organization.path}」，群内签到将计入该组织。`);
  },
};
