import type { FastifyInstance } from 'fastify';
import { findScopedOrganization } from '../../domain/console/find-scoped-organization.ts';
import { listScopedOrganizations } from '../../domain/console/list-scoped-organizations.ts';
import { memberFilters, memberOrders, searchMembers, type MemberFilter, type MemberOrder } from '../../domain/members/search-members.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { leaveEnd, memberState, phoneLink, rowIdSchema, whereabouts, when } from '../format.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { userOf } from '../session.ts';
import { memberPage } from './member-page.ts';

const pageSize = 50;

export const filterLabels: Readonly<Record<MemberFilter, (silentDays: number) => string>> = {
  silent: (days) => `${days} 天无动态`,
  lost: () => '疑似失联',
  leave: () => '请假中',
  unbound: () => '未绑定',
  paired: () => '结对',
  seeking: () => '求职中',
};

const orderLabels: Readonly<Record<MemberOrder, string>> = { name: '按姓名', recent: '最近动态在前', quiet: '最久无动态在前' };

interface MembersQuery {
  q?: string;
  org?: number;
  tag?: string;
  f?: MemberFilter[];
  sort?: MemberOrder;
  page?: number;
}

/**
 * 党员: search and filter the members of the organisation and below — on a phone each member is a
 * card (name, state, last seen, phone to call); the member page (member-page.ts) holds every record.
 */
export function membersPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  const silentDays = deps.config.SILENT_AFTER_DAYS;
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/members',
      {
        schema: {
          querystring: {
            type: 'object',
            properties: {
              q: { type: 'string', maxLength: 20 },
              org: rowIdSchema,
              tag: { type: 'string', maxLength: 20 },
              f: { type: 'array', items: { type: 'string', enum: [...memberFilters] }, maxItems: memberFilters.length },
              sort: { type: 'string', enum: [...memberOrders] },
              page: { type: 'integer', minimum: 1, maximum: 10000 },
            },
          },
        },
      },
      async (request, reply) => {
        const user = userOf(request);
        const query = request.query as MembersQuery;
        const organization = await findScopedOrganization(deps.db, { scopePath: user.scopePath, organizationId: query.org });
        if (!organization) return reply.callNotFound();
        const pageNumber = query.page ?? 1;
        const filters = query.f ?? [];
        const now = deps.now();
        const [organizations, result] = await Promise.all([
          listScopedOrganizations(deps.db, { scopePath: user.scopePath, limit: 1000 }),
          searchMembers(deps.db, {
            organizationPath: organization.path,
            name: query.q?.trim() || undefined,
            tag: query.tag?.trim() || undefined,
            filters,
            order: query.sort,
            silentSince: new Date(now.getTime() - silentDays * 86_400_000),
            now,
            limit: pageSize,
            offset: (pageNumber - 1) * pageSize,
          }),
        ]);
        const more = new URLSearchParams();
        for (const [key, value] of [['q', query.q], ['org', query.org], ['tag', query.tag], ['sort', query.sort]] as const) if (value) more.append(key, String(value));
        for (const filter of filters) more.append('f', filter);
        more.append('page', String(pageNumber + 1));
        const body = html`
<form method="get" action="/members" class="filters">
  <input type="search" name="q" placeholder="姓名" value="${query.q ?? ''}" size="8">
  <input type="text" name="tag" placeholder="标签" value="${query.tag ?? ''}" size="6">
  ${organizations.length > 1 ? html`<select name="org" aria-label="党组织">${organizations.map((o) => html`<option value="${o.id}"${o.id === organization.id ? html` selected` : ''}>${o.path}</option>`)}</select>` : ''}
  <select name="sort" aria-label="排序">${memberOrders.map((order) => html`<option value="${order}"${(query.sort ?? 'name') === order ? html` selected` : ''}>${orderLabels[order]}</option>`)}</select>
  <span class="chips">${memberFilters.map((filter) => html`<label><input type="checkbox" name="f" value="${filter}"${filters.includes(filter) ? html` checked` : ''}> ${filterLabels[filter](silentDays)}</label>`)}</span>
  <button type="submit">查询</button>
</form>
<p>${organization.path}（含下级组织）：共 <b id="member-count">${result.total}</b> 人</p>
<table id="members"><thead><tr><th>姓名</th><th>状态</th><th>最近动态</th><th>电话</th><th>党组织</th><th>微信</th><th>去向</th><th>结对联系人</th><th>标签</th></tr></thead><tbody>
${result.members.map(
  (m) => html`<tr><td><a href="/members/${m.id}">${m.name}</a></td><td>${memberState(m, now)}${m.leaveUntil ? html`<span class="muted">（到 ${leaveEnd(m.leaveUntil, now, timeZone)}）</span>` : ''}</td><td>${when(m.lastActiveAt, timeZone)}</td><td>${phoneLink(m.phone)}</td><td class="wide">${m.organizationPath}</td><td>${m.bound ? '已绑定' : '未绑定'}</td><td class="wide">${whereabouts(m)}</td><td class="wide">${m.contactPerson?.name ?? ''}</td><td class="wide">${m.tags.join('、')}</td></tr>`,
)}
</tbody></table>
${pageNumber * pageSize < result.total ? html`<p><a href="/members?${more.toString()}">下一页</a></p>` : ''}`;
        return reply.type('text/html').send(page({ title: '党员', user, csrfToken: reply.generateCsrf(), current: '/members', body }));
      },
    );

    await app.register(memberPage(deps));
  };
}
