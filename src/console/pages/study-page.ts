import type { FastifyInstance } from 'fastify';
import { getStudyStats } from '../../domain/study/get-study-stats.ts';
import { streamBookHandouts } from '../../domain/study/stream-book-handouts.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { percent, when } from '../format.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { userOf } from '../session.ts';

async function firstBatch<T>(batches: AsyncGenerator<T[]>): Promise<T[]> {
  const first = await batches.next();
  await batches.return(undefined);
  return first.done ? [] : first.value;
}

/** 学习: pushed packs with their 已学 rates, who has not confirmed the latest, and 发书 records. */
export function studyPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/study', async (request, reply) => {
      const user = userOf(request);
      const [stats, books] = await Promise.all([
        getStudyStats(deps.db, { organizationPath: user.scopePath, packLimit: 20, nameLimit: 1000 }),
        firstBatch(streamBookHandouts(deps.db, { organizationPath: user.scopePath, batchSize: 200 })),
      ]);
      const body = html`
<h2>学习包</h2>
<table id="packs"><thead><tr><th>学习包</th><th>推送时间</th><th>应学</th><th>送达</th><th>已学</th><th>已学率（已学/送达）</th></tr></thead><tbody>
${stats.packs.map((p) => html`<tr><td>${p.title}</td><td>${when(p.pushedAt, timeZone)}</td><td>${p.recipients}</td><td>${p.delivered}</td><td>${p.confirmed}</td><td>${percent(p.confirmed, p.delivered)}</td></tr>`)}
</tbody></table>
${stats.packs[0] ? html`<h2>最新学习包未确认（${stats.unconfirmed} 人，其中 ${stats.unconfirmedUnreached} 人未送达）</h2>
<p id="unconfirmed">${stats.unconfirmedNames.join('、') || '—'}${stats.unconfirmed > stats.unconfirmedNames.length ? ` 等 ${stats.unconfirmed} 人` : ''}</p>` : html`<p class="muted">还没有推送过学习包。</p>`}
<h2>发书记录</h2>
<table id="books"><thead><tr><th>时间</th><th>党员</th><th>党组织</th><th>书名</th></tr></thead><tbody>
${books.map((b) => html`<tr><td>${when(b.at, timeZone)}</td><td><a href="/members/${b.memberId}">${b.memberName}</a></td><td>${b.organizationPath}</td><td>《${b.title}》</td></tr>`)}
</tbody></table>`;
      return reply.type('text/html').send(page({ title: '学习', user, csrfToken: reply.generateCsrf(), current: '/study', body }));
    });
  };
}
