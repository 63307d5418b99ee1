import type { FastifyInstance } from 'fastify';
import { anonymousBreakdownMinimum, getPollResults } from '../../domain/polls/get-poll-results.ts';
import { listPolls } from '../../domain/polls/list-polls.ts';
import { canManageOrganization } from '../../domain/shared/organization-scope.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { percent, when } from '../format.ts';
import { html, jsonForScript } from '../html.ts';
import { page } from '../layout.ts';
import { userOf } from '../session.ts';

/** 投票: the polls of the organisation and below with their answer rates; a poll's results as a bar chart (counts only for an anonymous one). */
export function pollsPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/polls', async (request, reply) => {
      const user = userOf(request);
      const polls = await listPolls(deps.db, { organizationPath: user.scopePath, limit: 100 });
      const body = html`
<table id="polls"><thead><tr><th>编号</th><th>投票</th><th>党组织</th><th>截止</th><th>已投/应投</th><th>投票率</th></tr></thead><tbody>
${polls.map((p) => html`<tr><td>${p.id}</td><td><a href="/polls/${p.id}">${p.title}</a>${p.anonymous ? '（匿名）' : ''}</td><td>${p.organizationPath}</td><td>${when(p.closesAt, timeZone)}</td><td>${p.answered}/${p.sent}</td><td>${percent(p.answered, p.sent)}</td></tr>`)}
</tbody></table>
${polls.length === 0 ? html`<p class="muted">还没有投票。在聊天中发送「投票 标题 1.… 2.…」发起。</p>` : ''}`;
      return reply.type('text/html').send(page({ title: '投票', user, csrfToken: reply.generateCsrf(), current: '/polls', body }));
    });

    app.get<{ Params: { id: string } }>('/polls/:id', { schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' } } } } }, async (request, reply) => {
      const user = userOf(request);
      const results = await getPollResults(deps.db, { pollId: Number(request.params.id), nameLimit: 1000 });
      if (!results || !canManageOrganization({ role: user.role, organizationPath: user.scopePath }, results.poll.organizationPath)) return reply.callNotFound();
      const { poll, counts } = results;
      const body = html`
<p>${poll.anonymous ? '匿名投票：只显示人数，不显示谁投了什么。' : '实名投票'}${poll.multiple ? '，可多选' : ''}；截止 ${when(poll.closesAt, timeZone)}；已投 <b id="answered">${results.answered}/${results.sent}</b>（${percent(results.answered, results.sent)}）</p>
<div id="poll-chart" class="chart"></div>
<script type="application/json" id="poll-data">${jsonForScript({ options: poll.options.map((option, i) => `${i + 1}. ${option}`), counts })}</script>
<table id="options"><thead><tr><th>选项</th><th>票数</th><th>占已投</th></tr></thead><tbody>
${poll.options.map((option, i) => html`<tr><td>${i + 1}. ${option}</td><td>${counts[i]}</td><td>${percent(counts[i]!, results.answered)}</td></tr>`)}
</tbody></table>
<h2>按党组织</h2>
<table id="organizations"><thead><tr><th>党组织</th><th>已投/应投</th>${poll.options.map((_, i) => html`<th>${i + 1}</th>`)}</tr></thead><tbody>
${results.organizations.map((row) => html`<tr><td>${row.path}</td><td>${row.answered}/${row.sent}</td>${row.counts ? row.counts.map((n) => html`<td>${n}</td>`) : html`<td colspan="${poll.options.length}" class="muted">不足 ${anonymousBreakdownMinimum} 人，不分列</td>`}</tr>`)}
</tbody></table>
${results.notAnswered ? html`<h2>未投票（${results.notAnswered.total} 人）</h2><p id="not-answered">${results.notAnswered.names.join('、') || '—'}</p>` : ''}`;
      return reply.type('text/html').send(
        page({
          title: `投票：${poll.title}`,
          user,
          csrfToken: reply.generateCsrf(),
          current: '/polls',
          body,
          head: html`<script src="/static/echarts/echarts.min.js" defer></script><script src="/static/poll-chart.js" defer></script>`,
        }),
      );
    });
  };
}
