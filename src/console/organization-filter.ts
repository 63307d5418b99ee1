import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findScopedOrganization, type ScopedOrganization } from '../domain/console/find-scoped-organization.ts';
import { listScopedOrganizations } from '../domain/console/list-scoped-organizations.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { rowIdSchema } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import { userOf } from './session.ts';

/** The querystring of a page narrowed to one organisation of the user's scope (?org=…). */
export const organizationQuerySchema = { type: 'object', properties: { org: rowIdSchema } } as const;

/** The organisation a page shows: ?org= within the user's scope, else their own; null (→ 404) outside it. */
export async function pageOrganization(deps: ConsoleDeps, request: FastifyRequest): Promise<ScopedOrganization | null> {
  const { org } = request.query as { org?: number };
  return findScopedOrganization(deps.db, { scopePath: userOf(request).scopePath, organizationId: org });
}

/** A form that narrows the page to one organisation of the scope (only shown when there is more than one). */
export async function organizationPicker(deps: ConsoleDeps, request: FastifyRequest, options: { action: string; selected: ScopedOrganization }): Promise<SafeHtml> {
  const organizations = await listScopedOrganizations(deps.db, { scopePath: userOf(request).scopePath, limit: 1000 });
  if (organizations.length < 2) return html``;
  return html`<form method="get" action="${options.action}" class="filters">
  <select name="org" aria-label="党组织">${organizations.map((o) => html`<option value="${o.id}"${o.id === options.selected.id ? html` selected` : ''}>${o.path}</option>`)}</select>
  <button type="submit">查看</button>
</form>`;
}

/**
 * A read-only page of records for one organisation of the user's scope and below (?org=…, 404
 * outside the scope), with the organisation picker above what `render` draws.
 */
export function organizationPage(
  deps: ConsoleDeps,
  options: { path: string; title: string; render: (organization: ScopedOrganization, now: Date) => Promise<SafeHtml> },
) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(options.path, { schema: { querystring: organizationQuerySchema } }, async (request, reply) => {
      const organization = await pageOrganization(deps, request);
      if (!organization) return reply.callNotFound();
      const [picker, content] = await Promise.all([organizationPicker(deps, request, { action: options.path, selected: organization }), options.render(organization, deps.now())]);
      const body = html`${picker}<p>${organization.path}（含下级组织）</p>${content}`;
      return reply.type('text/html').send(page({ title: options.title, user: userOf(request), csrfToken: reply.generateCsrf(), current: options.path, body }));
    });
  };
}
