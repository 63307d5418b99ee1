import { bindCodeLifetimeMs, createBindCode } from '../../domain/members/bind-code.ts';
import type { Command } from '../command.ts';
import { findMemberForSecretary, secretaryInDirectChat } from '../guards.ts';

/** 绑定码 <姓名> [手机号后四位]: an admin makes a one-time bind code for someone in their organisation (or below). */
export const bindCodeCommand: Command = {
  name: 'bind-code',
  keywords: ['绑定码'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '绑定码 姓名 —— （管理员）生成一次性绑定码，书记、管理员凭码私聊绑定，例如「绑定码 张三」',
  async handle(ctx) {
    const admin = secretaryInDirectChat(ctx);
    if (!admin) return;
    if (admin.role !== 'ADMIN') {
      ctx.reply('无权限：只有管理员可以生成绑定码。');
      return;
    }
    const member = await findMemberForSecretary(ctx, admin, '绑定码');
    if (!member) return;
    const { code } = await createBindCode(ctx.db, { memberId: member.id, now: ctx.message.sentAt });
    ctx.reply(
      `${member.name} 的绑定码：${code}\n${bindCodeLifetimeMs / 3600_000} 小时内有效，只能使用一次。` +
        `请转交本人，由本人私聊我发送「绑定 ${code}」。`,
    );
  },
};
