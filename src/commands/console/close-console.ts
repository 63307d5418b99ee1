import { endConsoleSessions } from '../../domain/console/end-console-sessions.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** 退出后台: ends every console session of the secretary (WeChat cannot tell which browser). */
export const closeConsoleCommand: Command = {
  name: 'close-console',
  keywords: ['退出后台'],
  takesArguments: false,
  needsMember: true,
  forSecretaries: true,
  help: '退出后台 —— （书记）退出网页后台',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const ended = await endConsoleSessions(ctx.db, { memberId: secretary.id, now: ctx.message.sentAt });
    ctx.log.info({ memberId: secretary.id, ended }, 'console sessions ended');
    ctx.reply(ended > 0 ? `已退出网页后台（${ended} 个浏览器）。` : '您没有登录网页后台。');
  },
};
