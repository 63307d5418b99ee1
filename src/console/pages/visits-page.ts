import { listContactPairs } from '../../domain/contact-persons/list-contact-pairs.ts';
import { listRecentVisits } from '../../domain/visits/list-recent-visits.ts';
import { visitKindLabels } from '../../domain/visits/visit-text.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { when } from '../format.ts';
import { html } from '../html.ts';
import { organizationPage } from '../organization-filter.ts';
import { section } from '../sections.ts';

/** 结对与走访: who looks after whom (as 结对), and the latest 走访 (a member's page records a new one). */
export function visitsPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  return organizationPage(deps, {
    path: '/visits',
    title: '结对与走访',
    async render(organization) {
      const [pairs, visits] = await Promise.all([
        listContactPairs(deps.db, { organizationPath: organization.path, limit: 500 }),
        listRecentVisits(deps.db, { organizationPath: organization.path, limit: 100 }),
      ]);
      return html`
${section('pairs', `结对联系（${pairs.length} 位联系人）`, pairs, ['联系人', '结对党员'], (p) => [p.contactPerson, p.members.join('、')])}
${section('recent-visits', '最近的走访', visits, ['党员', '时间', '方式', '记录人', '情况'], (v) => [
  html`<a href="/members/${v.memberId}">${v.name}</a>`,
  when(v.at, timeZone),
  visitKindLabels[v.kind],
  v.recordedBy,
  v.note,
])}
<p class="muted">在党员的页面上可以记录走访。</p>`;
    },
  });
}
