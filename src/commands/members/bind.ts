import { bindContact } from '../../domain/members/bind-contact.ts';
import type { Command } from '../command.ts';

const usage = '请按「绑定 姓名 手机号后四位」的格式发送，例如「绑定 张三 1234」。';

/** 绑定 <姓名> <手机号后四位>: links the sender's WeChat to their roster entry. */
export const bindCommand: Command = {
  name: 'bind',
  keywords: ['绑定'],
  takesArguments: true,
  needsMember: false,
  storesNoText: true,
  help: '绑定 姓名 手机号后四位 —— 关联您的微信与党员名册，例如「绑定 张三 1234」',
  async handle(ctx) {
    const match = /^(\S{1,20})\s*(\d{4})$/.exec(ctx.args);
    if (!match) {
      ctx.reply(usage);
      return;
    }
    const [, name, phoneLast4] = match as unknown as [string, string, string];
    const result = await bindContact(ctx.db, {
      contactId: ctx.sender.contactId,
      name,
      phoneLast4,
      now: ctx.message.sentAt,
    });
    switch (result.outcome) {
      case 'bound':
        ctx.sender.member = result.member;
        ctx.reply(`绑定成功！${result.member.name}，欢迎您。以后发送「签到」即可签到，发送「帮助」查看全部指令。`);
        return;
      case 'already-bound':
        ctx.reply(`您已绑定为${result.member.name}，无需重复绑定。`);
        return;
      case 'contact-bound-to-other':
        ctx.reply(`您的微信已绑定${result.member.name}。如需更换，请联系您所在支部的书记。`);
        return;
      case 'member-bound-to-other':
        ctx.reply('该党员已绑定其他微信。如果不是您本人操作，请联系您所在支部的书记。');
        return;
      case 'ambiguous':
        ctx.reply('名册中有多位党员与您的姓名和手机号后四位相同，无法自动绑定，请联系您所在支部的书记。');
        return;
      case 'not-found':
        ctx.reply(`没有在党员名册中找到「${name}」和手机号后四位 ${phoneLast4}。请核对后重试，或联系您所在支部的书记。`);
    }
  },
};
