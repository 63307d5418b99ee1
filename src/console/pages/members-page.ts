import type { FastifyInstance } from 'fastify';
import { findScopedOrganization } from '../../domain/console/find-scoped-organization.ts';
import { listScopedOrganizations } from '../../domain/console/list-scoped-organizations.ts';
import { getMemberTimeline } from '../../domain/members/get-member-timeline.ts';
import { searchMembers, type MemberFilterStatus } from '../../domain/members/search-members.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { rowIdSchema, statusLabel, whereabouts, when } from '../format.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { userOf } from '../session.ts';

const pageSize = 50;

const statusOptions: [MemberFilterStatus | '', string][] = [['', '全部'], ['ACTIVE', '正常'], ['LOST_CONTACT', '疑似失联'], ['UNBOUND', '未绑定微信']];

interface MembersQuery {
  q?: string;
  org?: number;
  status?: MemberFilterStatus | '';
  tag?: string;
  page?: number;
}

/** 党员: search and filter the members of the organisation and below; one page per member with their timeline. */
export function membersPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
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
              status: { type: 'string', enum: statusOptions.map(([value]) => value) },
              tag: { type: 'string', maxLength: 20 },
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
        const organizations = await listScopedOrganizations(deps.db, { scopePath: user.scopePath, limit: 1000 });
        const result = await searchMembers(deps.db, {
          organizationPath: organization.path,
          name: query.q?.trim() || undefined,
          status: query.status || undefined,
          tag: query.tag?.trim() || undefined,
          limit: pageSize,
          offset: (pageNumber - 1) * pageSize,
        });
        const more = new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.org ? { org: String(query.org) } : {}), ...(query.status ? { status: query.status } : {}), ...(query.tag ? { tag: query.tag } : {}), page: String(pageNumber + 1) });
        const body = html`
<form method="get" action="/members" class="filters">
  <input type="search" name="q" placeholder="姓名" value="${query.q ?? ''}">
  <select name="status">${statusOptions.map(([value, label]) => html`<option value="${value}"${query.status === value ? html` selected` : ''}>${label}</option>`)}</select>
  <input type="text" name="tag" placeholder="标签" value="${query.tag ?? ''}">
  <select name="org">${organizations.map((o) => html`<option value="${o.id}"${o.id === organization.id ? html` selected` : ''}>${o.path}</option>`)}</select>
  <button type="submit">查询</button>
</form>
<p>${organization.path}（含下级组织）：共 <b id="member-count">${result.total}</b> 人</p>
<table><thead><tr><th>姓名</th><th>党组织</th><th>状态</th><th>微信</th><th>去向</th><th>最近动态</th><th>标签</th></tr></thead><tbody>
${result.members.map(
  (m) => html`<tr><td><a href="/members/${m.id}">${m.name}</a></td><td>${m.organizationPath}</td><td>${statusLabel(m.status)}</td><td>${m.bound ? '已绑定' : '未绑定'}</td><td>${whereabouts(m)}</td><td>${when(m.lastActiveAt, timeZone)}</td><td>${m.tags.join('、')}</td></tr>`,
)}
</tbody></table>
${pageNumber * pageSize < result.total ? html`<p><a href="/members?${more.toString()}">下一页</a></p>` : ''}`;
        return reply.type('text/html').send(page({ title: '党员', user, csrfToken: reply.generateCsrf(), current: '/members', body }));
      },
    );

    app.get('/members/:id', { schema: { params: { type: 'object', required: ['id'], properties: { id: rowIdSchema } } } }, async (request, reply) => {
      const user = userOf(request);
      const { id } = request.params as { id: number };
      const timeline = await getMemberTimeline(deps.db, { memberId: id, scopePath: user.scopePath, limit: 200 });
      if (!timeline) return reply.callNotFound();
      const { member, events } = timeline;
      const body = html`
<table>
  <tr><th>党组织</th><td>${member.organizationPath}</td></tr>
  <tr><th>角色</th><td>${member.role === 'MEMBER' ? '党员' : member.role === 'SECRETARY' ? '书记' : '管理员'}</td></tr>
  <tr><th>状态</th><td>${statusLabel(member.status)}</td></tr>
  <tr><th>微信</th><td>${member.bound ? '已绑定' : '未绑定'}</td></tr>
  <tr><th>去向</th><td>${whereabouts(member)}</td></tr>
  <tr><th>最近动态</th><td>${when(member.lastActiveAt, timeZone)}</td></tr>
  <tr><th>标签</th><td>${member.tags.join('、') || '—'}</td></tr>
</table>
<h2>动态</h2>
${events.length === 0 ? html`<p class="muted">还没有记录。</p>` : html`<table id="timeline"><thead><tr><th>时间</th><th>事项</th><th>内容</th></tr></thead><tbody>
${events.map((e) => html`<tr><td>${when(e.at, timeZone)}</td><td>${e.kind}</td><td>${e.detail}</td></tr>`)}
</tbody></table>`}`;
      return reply.type('text/html').send(page({ title: member.name, user, csrfToken: reply.generateCsrf(), current: '/members', body }));
    });
  };
}
