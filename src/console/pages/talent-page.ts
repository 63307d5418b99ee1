import { engagementLine, engagementScore } from '../../domain/talent/engagement-score.ts';
import { listTalentPool } from '../../domain/talent/list-talent-pool.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { html } from '../html.ts';
import { organizationPage } from '../organization-filter.ts';
import { section } from '../sections.ts';

const shown = 200;

/** 人才库: members willing to serve back home, by organisation and name — never ranked — each with every part of the score. */
export function talentPage(deps: ConsoleDeps) {
  return organizationPage(deps, {
    path: '/talent',
    title: '人才库',
    async render(organization, now) {
      const pool = await listTalentPool(deps.db, { organizationPath: organization.path, skill: null, now, limit: shown + 1 });
      return html`
${section('talent-pool', `愿意回村任职的党员${pool.length > shown ? `（前 ${shown} 人）` : `（${pool.length} 人）`}`, pool.slice(0, shown), ['姓名', '特长', '近 12 个月积分', '积分构成', '党组织'], (m) => [
  html`<a href="/members/${m.id}">${m.name}</a>`,
  m.skills.join('、') || '—',
  String(engagementScore(m)),
  engagementLine(m),
  m.organizationPath,
])}
<p class="muted">按党组织和姓名排列，不作排名。</p>`;
    },
  });
}
