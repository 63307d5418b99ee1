import type { FastifyInstance } from 'fastify';
import { consoleBaseUrl } from '../domain/console/console-address.ts';
import { endConsoleSessions } from '../domain/console/end-console-sessions.ts';
import { redeemConsoleLoginLink } from '../domain/console/redeem-console-login-link.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { html } from './html.ts';
import { plainPage } from './layout.ts';
import { sessionCookie, signedOutPage } from './session.ts';

/**
 * Logging in with the one-time link from 后台, and out. Opening the link only shows a button:
 * WeChat and other apps fetch links to preview them, and a GET that spent the token would log
 * the preview in instead of the secretary.
 */
export function authPlugin(deps: ConsoleDeps) {
  const secure = consoleBaseUrl(deps.config)?.startsWith('https://') ?? false;
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/login', { schema: { querystring: { type: 'object', properties: { token: { type: 'string', maxLength: 100 } } } } }, async (request, reply) => {
      const { token } = request.query as { token?: string };
      if (!token) return reply.type('text/html').send(signedOutPage());
      const csrfToken = reply.generateCsrf();
      return reply.type('text/html').send(
        plainPage(
          '登录管理后台',
          html`<form method="post" action="/login">
  <input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="token" value="${token}">
  <p>此链接只能使用一次，10 分钟内有效。</p><button type="submit" id="login">登录</button></form>`,
        ),
      );
    });

    app.post(
      '/login',
      { schema: { body: { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 100 }, _csrf: { type: 'string' } } } } },
      async (request, reply) => {
        const { token } = request.body as { token: string };
        const result = await redeemConsoleLoginLink(deps.db, { token, now: deps.now() });
        if (result.outcome === 'refused') {
          deps.log.info({ memberId: result.memberId, outcome: 'refused' }, 'console login');
          return reply
            .code(403)
            .type('text/html')
            .send(plainPage('链接无效', html`<p class="error">登录链接无效、已过期或已经用过。</p><p>请在微信中私聊助手重新发送「后台」。</p>`));
        }
        deps.log.info({ memberId: result.user.memberId, outcome: 'signed-in' }, 'console login');
        reply.setCookie(sessionCookie, result.sessionId, { path: '/', httpOnly: true, sameSite: 'lax', secure });
        return reply.redirect('/', 303);
      },
    );

    app.post('/logout', async (request, reply) => {
      const sessionId = request.cookies[sessionCookie];
      if (sessionId) await endConsoleSessions(deps.db, { sessionId, now: deps.now() });
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.type('text/html').send(plainPage('已退出', html`<p>已退出管理后台。</p>`));
    });
  };
}
