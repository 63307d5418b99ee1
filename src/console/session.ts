import type { FastifyReply, FastifyRequest } from 'fastify';
import { findConsoleSession } from '../domain/console/find-console-session.ts';
import type { ConsoleUser } from '../domain/console/console-user.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { html } from './html.ts';
import { plainPage } from './layout.ts';

export const sessionCookie = 'console_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireConsoleUser on every protected route. */
    consoleUser?: ConsoleUser;
  }
}

/** The signed-in user of a protected route (requireConsoleUser ran before it). */
export function userOf(request: FastifyRequest): ConsoleUser {
  if (!request.consoleUser) throw new Error('route is not behind requireConsoleUser');
  return request.consoleUser;
}

/** A preHandler for every page: no valid session → 401 with how to get a link. */
export function requireConsoleUser(deps: ConsoleDeps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const sessionId = request.cookies[sessionCookie];
    const user = sessionId ? await findConsoleSession(deps.db, { sessionId, now: deps.now() }) : null;
    if (!user) {
      await reply.code(401).type('text/html').send(signedOutPage());
      return;
    }
    request.consoleUser = user;
  };
}

export function signedOutPage(): string {
  return plainPage('请登录', html`<p>请在微信中私聊助手发送「后台」，用收到的一次性链接登录。</p>`);
}
