import { randomBytes } from 'node:crypto';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sessionCookie } from './session.ts';

/** The console session a form's token belongs to; a fixed word before signing in (the login form; the library refuses ''). */
function sessionOf(request: FastifyRequest): string {
  return request.cookies[sessionCookie] || 'signed-out';
}

/**
 * CSRF tokens bound to the console session (the plugin's userInfo, an HMAC of the session id): a token
 * taken from one session is refused in another, even beside a planted secret cookie (cookie tossing).
 * Every reply.generateCsrf() binds to the request's own session, so the pages need not pass it.
 * The HMAC key lives as long as the process: a form opened before a restart asks to be reloaded.
 */
export async function registerSessionCsrf(app: FastifyInstance, options: { secure: boolean }): Promise<void> {
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secure },
    getUserInfo: sessionOf,
    csrfOpts: { userInfo: true, hmacKey: randomBytes(32) },
  });
  app.addHook('onRequest', async (request, reply) => {
    const generate = reply.generateCsrf;
    reply.generateCsrf = (cookieOptions) => generate.call(reply, { ...cookieOptions, userInfo: sessionOf(request) });
  });
}
