import { removeContactPerson } from '../../domain/contact-persons/remove-contact-person.ts';
import type { Command } from '../command.ts';
import { findMemberForSecretary, secretaryInDirectChat } from '../guards.ts';

/** 解除结对 张三 (secretary): 张三 has no contact person any more. */
export const unpairContactPersonCommand: Command = {
  name: 'unpair-contact-person',
  keywords: ['解除结对'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const member = await findMemberForSecretary(ctx, secretary, '解除结对');
    if (!member) return;
    const removed = await removeContactPerson(ctx.db, { memberId: member.id });
    ctx.reply(removed ? `已解除 ${member.name} 的结对联系。` : `${member.name} 目前没有结对联系人。`);
  },
};
