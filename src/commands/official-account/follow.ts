import { markContactReachable } from '../../domain/members/mark-contact-reachable.ts';
import type { Command } from '../command.ts';
import { attendByScan } from './scan.ts';

/** Someone followed the official account, perhaps by scanning an activity's QR code (its scene). Not typed: WeChat's event. */
export const followCommand: Command = {
  name: 'oa-follow',
  keywords: [],
  takesArguments: true,
  storesNoText: true,
  needsMember: false,
  async handle(ctx) {
    await markContactReachable(ctx.db, ctx.sender.contactId);
    const member = ctx.sender.member;
    if (!member) {
      ctx.reply(
        ctx.args
          ? '欢迎关注！扫码签到前请先绑定党员身份：发送「绑定 姓名 手机号后四位」，例如「绑定 张三 1234」，绑定后再扫一次。'
          : '欢迎关注！请发送「绑定 姓名 手机号后四位」绑定党员身份，例如「绑定 张三 1234」。',
      );
      return;
    }
    if (ctx.args) return attendByScan(ctx);
    ctx.reply(`欢迎回来，${member.name}！点菜单或发送「签到」「我的」，发送「帮助」查看全部功能。`);
  },
};
