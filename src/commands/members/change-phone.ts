import { changeMemberPhone } from '../../domain/members/change-member-phone.ts';
import type { Command } from '../command.ts';
import { findMemberForSecretary, secretaryInDirectChat } from '../guards.ts';
import { splitLastWord } from '../name-and-digits.ts';

const usage = '格式：换号 姓名 新手机号，例如「换号 张三 13900001234」；同名时加上原手机号后四位：「换号 张三 1234 13900001234」。';

/**
 * 换号 <姓名> [原手机号后四位] <新手机号>: a secretary moves a member of their organisation (or below)
 * to a new phone; binding and records stay, and a roster import with the new number updates the member.
 */
export const changePhoneCommand: Command = {
  name: 'change-phone',
  keywords: ['换号'],
  takesArguments: true,
  needsMember: true,
  // The text is a phone number.
  storesNoText: true,
  forSecretaries: true,
  help: '换号 姓名 新手机号 —— （书记）党员换了手机号：记录和微信绑定保留，之后按新号导入名册，例如「换号 张三 13900001234」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const split = splitLastWord(ctx.args);
    const phone = split && /^(?:\+?86)?(1\d{10})$/.exec(split.last.replace(/[-–—]/g, ''))?.[1];
    if (!split || !phone) {
      ctx.reply(usage);
      return;
    }
    const member = await findMemberForSecretary(ctx, secretary, '换号', split.head);
    if (!member) return;
    const outcome = await changeMemberPhone(ctx.db, { memberId: member.id, phone, scopePath: secretary.organizationPath });
    ctx.reply(
      {
        changed: `已将${member.name}的手机号改为尾号 ${phone.slice(-4)}；微信绑定和各项记录保留。导入名册时请用新号码。`,
        taken: `手机号尾号 ${phone.slice(-4)} 已在名册中（另一名党员），没有更改。`,
        refused: '无法改为这个号码，没有更改。如有疑问请联系上级组织。',
      }[outcome],
    );
  },
};
