import { createAccountNotice, unboundNoticeText } from '../../domain/members/create-account-notice.ts';
import { unbindMember } from '../../domain/members/unbind-member.ts';
import type { Command } from '../command.ts';
import { findMemberForSecretary, secretaryInDirectChat } from '../guards.ts';

/** 解绑 <姓名> [手机号后四位]: a secretary frees a member of their organisation (or below) from a WeChat. */
export const unbindCommand: Command = {
  name: 'unbind',
  keywords: ['解绑'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '解绑 姓名 —— （书记）解除党员与微信的绑定（如被他人冒绑），本人可重新绑定，例如「解绑 张三」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const member = await findMemberForSecretary(ctx, secretary, '解绑');
    if (!member) return;
    const unbound = await unbindMember(ctx.db, { memberId: member.id });
    if (!unbound) {
      ctx.reply(`${member.name} 还没有绑定微信。`);
      return;
    }
    ctx.deliver(
      await createAccountNotice(ctx.db, {
        organizationId: secretary.organizationId,
        text: unboundNoticeText(member.name),
        recipients: [{ memberId: member.id, contactId: unbound.contactId }],
        now: ctx.message.sentAt,
      }),
    );
    ctx.reply(`已解除${member.name}与原微信的绑定，原微信已收到通知。请本人私聊我发送「绑定 姓名 手机号后四位」重新绑定。`);
  },
};
