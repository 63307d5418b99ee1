import type { FastifyInstance } from 'fastify';
import { findScopedOrganization } from '../../domain/console/find-scoped-organization.ts';
import { getOrganizationRollup } from '../../domain/console/get-organization-rollup.ts';
import { listUpcomingActivities } from '../../domain/activities/list-upcoming-activities.ts';
import { localDay } from '../../domain/shared/local-day.ts';
import { localDateTime } from '../../domain/shared/local-time.ts';
import { getLatestStudyPackRate } from '../../domain/study/get-latest-study-pack-rate.ts';
import { CheckInChart } from '../check-in-chart.ts';
import { readsFrom, type ConsoleDeps } from '../console-deps.ts';
import { html, jsonForScript } from '../html.ts';
import { percent, rowIdSchema } from '../format.ts';
import { page } from '../layout.ts';
import { userOf } from '../session.ts';

const chartDays = 30;
const upcomingDays = 30;

/** 概览: the organisation (or one below it, ?org=) rolled up, with the 30-day check-in chart. */
export function overviewPage(deps: ConsoleDeps) {
  const chart = new CheckInChart({ db: readsFrom(deps), timeZone: deps.config.APP_TIME_ZONE, days: chartDays });
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/', { schema: { querystring: { type: 'object', properties: { org: rowIdSchema } } } }, async (request, reply) => {
      const user = userOf(request);
      const { org } = request.query as { org?: number };
      const organization = await findScopedOrganization(readsFrom(deps), { scopePath: user.scopePath, organizationId: org });
      if (!organization) return reply.callNotFound();
      const now = deps.now();
      const silentSince = new Date(now.getTime() - deps.config.SILENT_AFTER_DAYS * 24 * 3600_000);
      const [rollup, pack, upcoming] = await Promise.all([
        getOrganizationRollup(readsFrom(deps), { organizationId: organization.id, path: organization.path, silentSince, checkedInOn: localDay(now, deps.config.APP_TIME_ZONE) }),
        getLatestStudyPackRate(readsFrom(deps), { organizationPath: organization.path }),
        listUpcomingActivities(readsFrom(deps), { organizationPath: organization.path, now, days: upcomingDays }),
      ]);
      const { total } = rollup;
      const rates = await chart.rates({ organizationPath: organization.path, members: total.members, todayCheckIns: total.checkedIn, now });
      const body = html`
<p>${organization.path}（含下级组织）</p>
<div class="cards">
  <div class="card">党员<b id="members-total">${total.members}</b></div>
  <div class="card">已绑定微信<b>${total.bound}</b></div>
  <div class="card">未绑定<b>${total.members - total.bound}</b></div>
  <div class="card">${deps.config.SILENT_AFTER_DAYS} 天无动态<b>${total.silent}</b></div>
  <div class="card">疑似失联<b>${total.lost}</b></div>
  <div class="card">最新学习包已学率<b>${pack ? percent(pack.confirmed, pack.delivered) : '—'}</b>${pack ? html`<span class="muted">${pack.title}（${pack.confirmed}/${pack.delivered}）</span>` : ''}</div>
</div>
<h2>近 ${chartDays} 天签到率</h2>
<div id="check-in-chart" class="chart"></div>
<script type="application/json" id="check-in-data">${jsonForScript(rates)}</script>
<h2>组织</h2>
<table id="organizations"><thead><tr><th>党组织</th><th>党员</th><th>已绑定</th><th>未绑定</th><th>无动态</th><th>疑似失联</th><th>今日签到</th></tr></thead><tbody>
${[{ ...total, name: organization.name, id: 0 }, ...rollup.children].map(
  (row, index) => html`<tr><td>${index === 0 ? html`<b>${row.name}</b>（合计）` : html`<a href="/?org=${row.id}">${row.name}</a>`}</td><td>${row.members}</td><td>${row.bound}</td><td>${row.members - row.bound}</td><td>${row.silent}</td><td>${row.lost}</td><td>${row.checkedIn}</td></tr>`,
)}
</tbody></table>
<h2>近期活动</h2>
${
  upcoming.length === 0
    ? html`<p class="muted">${upcomingDays} 天内没有活动。</p>`
    : html`<table><thead><tr><th>编号</th><th>活动</th><th>时间</th><th>报名</th></tr></thead><tbody>
${upcoming.map((a) => html`<tr><td>${a.id}</td><td><a href="/activities/${a.id}">${a.title}</a></td><td>${localDateTime(a.startsAt, deps.config.APP_TIME_ZONE)}</td><td>${a.rsvpYes}</td></tr>`)}
</tbody></table>`
}`;
      return reply.type('text/html').send(
        page({
          title: '概览',
          user,
          csrfToken: reply.generateCsrf(),
          current: '/',
          body,
          head: html`<script src="/static/echarts/echarts.min.js" defer></script><script src="/static/overview-chart.js" defer></script>`,
        }),
      );
    });
  };
}
