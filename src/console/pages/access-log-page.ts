import type { FastifyInstance } from 'fastify';
import { listAccessLog } from '../../domain/access-log/list-access-log.ts';
import { accessLogRetentionDays } from '../../domain/access-log/prune-access-log.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { when } from '../format.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { userOf } from '../session.ts';

const entriesShown = 500;

/** What each logged action reads as. */
const actionTitles: Record<string, string> = {
  'member-records': '查看党员详情',
  visits: '查看走访记录',
  hardship: '查看困难帮扶',
  whereabouts: '查看去向',
  phones: '查看联系电话',
};

function actionTitle(action: string): string {
  if (action.startsWith('export:')) return `导出 ${action.slice('export:'.length)}`;
  return actionTitles[action] ?? action;
}

/** 操作日志 (admins): who read whose care records or phone numbers, and every export, in the admin's organisation and below. */
export function accessLogPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/access-log', async (request, reply) => {
      const user = userOf(request);
      if (user.role !== 'ADMIN') return reply.callNotFound();
      const entries = await listAccessLog(deps.db, { organizationPath: user.scopePath, limit: entriesShown });
      const body = html`<p class="muted">查看他人走访、困难帮扶、去向记录和联系电话，以及每次导出，都记录在这里，保留 ${accessLogRetentionDays} 天。显示最近 ${entriesShown} 条。</p>
<table id="access-log"><thead><tr><th>时间</th><th>谁</th><th>操作</th><th>党员</th><th>党组织</th></tr></thead><tbody>
${entries.map((e) => html`<tr><td>${when(e.at, timeZone)}</td><td>${e.actorName}</td><td>${actionTitle(e.action)}</td><td>${e.subjectName ?? '—'}</td><td>${e.organizationPath}</td></tr>`)}
</tbody></table>`;
      return reply.type('text/html').send(page({ title: '操作日志', user, csrfToken: reply.generateCsrf(), current: '/access-log', body }));
    });
  };
}
