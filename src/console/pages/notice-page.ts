import type { FastifyInstance } from 'fastify';
import { readNoticeLink } from '../../domain/notices/read-notice-link.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { html } from '../html.ts';
import { plainPage } from '../layout.ts';

/**
 * /n/<token>: the whole text behind a template message (WeChat shows 20 characters a field), for
 * the member who tapped it. No login: the unguessable token opens this one text until it expires;
 * an unknown and an expired token look the same.
 */
export function noticePage(deps: ConsoleDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Params: { token: string } }>('/n/:token', async (request, reply) => {
      const { token } = request.params;
      const notice = /^[A-Za-z0-9_-]{43}$/.test(token) ? await readNoticeLink(deps.db, { token, now: deps.now() }) : null;
      if (!notice) return reply.code(404).type('text/html').send(plainPage('消息已过期', html`<p>这条消息已过期或不存在。</p>`));
      const paragraphs = notice.text.split('\n').map((line) => html`<p>${line}</p>`);
      return reply.type('text/html').send(plainPage('消息全文', html`<article class="notice">${paragraphs}</article>`));
    });
  };
}
