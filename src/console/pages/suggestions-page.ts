import type { FastifyInstance } from 'fastify';
import { listSuggestions } from '../../domain/suggestions/list-suggestions.ts';
import { adoptSuggestion } from '../../domain/suggestions/adopt-suggestion.ts';
import { replyToSuggestion, suggestionReplyLimit } from '../../domain/suggestions/reply-to-suggestion.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { rowIdSchema, when } from '../format.ts';
import { html } from '../html.ts';
import { page, plainPage } from '../layout.ts';
import { userOf } from '../session.ts';

/** 建议: members' suggestions to the organisation and below; a reply or 采纳 goes to the member through the outbox, once. */
export function suggestionsPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/suggestions', async (request, reply) => {
      const user = userOf(request);
      const suggestions = await listSuggestions(deps.db, { organizationPath: user.scopePath, limit: 200 });
      const csrf = reply.generateCsrf();
      const body = html`
<table id="suggestions"><thead><tr><th>时间</th><th>党员</th><th>党组织</th><th>建议</th><th>回复</th><th>采纳</th></tr></thead><tbody>
${suggestions.map(
  (s) => html`<tr><td>${when(s.createdAt, timeZone)}</td><td><a href="/members/${s.memberId}">${s.memberName}</a></td><td>${s.organizationPath}</td><td>${s.text}</td><td>${
    s.replyText
      ? html`${s.replyText}<br><span class="muted">${when(s.repliedAt, timeZone)}</span>`
      : html`<form method="post" action="/suggestions/${s.id}/reply"><input type="hidden" name="_csrf" value="${csrf}"><textarea name="text" required maxlength="${suggestionReplyLimit}" rows="2"></textarea><button type="submit">回复</button></form>`
  }</td><td>${
    s.adoptedAt
      ? html`已采纳<br><span class="muted">${when(s.adoptedAt, timeZone)}</span>`
      : html`<form method="post" action="/suggestions/${s.id}/adopt"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">采纳</button></form>`
  }</td></tr>`,
)}
</tbody></table>`;
      return reply.type('text/html').send(page({ title: '建议', user, csrfToken: csrf, current: '/suggestions', body }));
    });

    app.post(
      '/suggestions/:id/reply',
      {
        schema: {
          params: { type: 'object', required: ['id'], properties: { id: rowIdSchema } },
          body: { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1, maxLength: suggestionReplyLimit }, _csrf: { type: 'string' } } },
        },
      },
      async (request, reply) => {
        const user = userOf(request);
        const { id } = request.params as { id: number };
        const text = (request.body as { text: string }).text.trim();
        if (!text) return reply.code(400).type('text/html').send(plainPage('回复不能为空', html`<p><a href="/suggestions">返回</a></p>`));
        const result = await replyToSuggestion(deps.db, { suggestionId: id, scopePath: user.scopePath, secretaryId: user.memberId, text, now: deps.now() });
        if (result.outcome === 'not-found') return reply.callNotFound();
        if (result.outcome === 'replied' && result.deliveryId !== null) await deps.outbox.enqueueDeliveries([result.deliveryId]);
        return reply.redirect('/suggestions', 303);
      },
    );

    app.post('/suggestions/:id/adopt', { schema: { params: { type: 'object', required: ['id'], properties: { id: rowIdSchema } } } }, async (request, reply) => {
      const user = userOf(request);
      const { id } = request.params as { id: number };
      const result = await adoptSuggestion(deps.db, { suggestionId: id, scopePath: user.scopePath, secretaryId: user.memberId, now: deps.now() });
      if (result.outcome === 'not-found') return reply.callNotFound();
      if (result.outcome === 'adopted' && result.deliveryId !== null) await deps.outbox.enqueueDeliveries([result.deliveryId]);
      return reply.redirect('/suggestions', 303);
    });
  };
}
