import type { FastifyInstance } from 'fastify';
import { listAtRiskMembers, type CareList } from '../../domain/care/list-care-members.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { when, whereabouts } from '../format.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { userOf } from '../session.ts';

const listLimit = 500;

/** 关心关爱: 疑似失联 members and those without a bound WeChat, with whereabouts and last activity. */
export function carePage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  const table = (id: string, list: CareList) => html`
<table id="${id}"><thead><tr><th>姓名</th><th>党组织</th><th>去向</th><th>最近动态</th></tr></thead><tbody>
${list.members.map((m) => html`<tr><td>${m.name}</td><td>${m.organizationPath}</td><td>${whereabouts(m)}</td><td>${when(m.lastActiveAt, timeZone)}</td></tr>`)}
</tbody></table>${list.total > list.members.length ? html`<p class="muted">只显示前 ${list.members.length} 人；完整名单请导出党员台账。</p>` : ''}`;
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/care', async (request, reply) => {
      const user = userOf(request);
      const { lost, unreachable } = await listAtRiskMembers(deps.db, { organizationPath: user.scopePath, limit: listLimit });
      const body = html`
<h2>疑似失联（${lost.total} 人）</h2>${table('lost', lost)}
<h2>未绑定微信（${unreachable.total} 人，助手联系不到，请电话或当面联系）</h2>${table('unbound', unreachable)}`;
      return reply.type('text/html').send(page({ title: '关心关爱', user, csrfToken: reply.generateCsrf(), current: '/care', body }));
    });
  };
}
