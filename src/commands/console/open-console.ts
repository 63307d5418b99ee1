import { consoleBaseUrl } from '../../domain/console/console-address.ts';
import { createConsoleLoginLink, loginLinkLifetimeMs } from '../../domain/console/create-console-login-link.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** 后台: a one-time link to the secretary console, in the secretary's direct chat only. */
export const openConsoleCommand: Command = {
  name: 'open-console',
  keywords: ['后台'],
  takesArguments: false,
  needsMember: true,
  forSecretaries: true,
  help: '后台 —— （书记）网页后台的一次性登录链接',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const baseUrl = consoleBaseUrl(ctx.config);
    if (!baseUrl) {
      ctx.reply('网页后台没有开启（WEB_PORT=0），请联系管理员。');
      return;
    }
    const { token } = await createConsoleLoginLink(ctx.db, { memberId: secretary.id, now: ctx.message.sentAt });
    ctx.log.info({ memberId: secretary.id }, 'console login link issued');
    ctx.reply(
      [
        `网页后台登录链接（${loginLinkLifetimeMs / 60_000} 分钟内有效，只能用一次，请勿转发）：`,
        `${baseUrl}/login?token=${token}`,
        '用完发送「退出后台」可退出所有已登录的浏览器。',
      ].join('\n'),
    );
  },
};
