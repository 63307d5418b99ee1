import { countWhereabouts } from '../../domain/whereabouts/count-whereabouts.ts';
import { getWhereaboutsAnswers } from '../../domain/whereabouts/get-whereabouts-answers.ts';
import { listWhereaboutsChanges } from '../../domain/whereabouts/list-whereabouts-changes.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { percent, whereaboutsSources, when } from '../format.ts';
import { html } from '../html.ts';
import { organizationPage } from '../organization-filter.ts';
import { section } from '../sections.ts';

/** 去向: members by city and by work (as 去向统计), the quarterly question's answers, the latest changes. */
export function whereaboutsPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  return organizationPage(deps, {
    path: '/whereabouts',
    title: '去向',
    async render(organization, now) {
      const since = new Date(now.getTime() - deps.config.WHEREABOUTS_STALE_DAYS * 86_400_000);
      const [counts, answers, changes] = await Promise.all([
        countWhereabouts(deps.db, { organizationPath: organization.path, limit: 20 }),
        getWhereaboutsAnswers(deps.db, { organizationPath: organization.path, since, limit: 100 }),
        listWhereaboutsChanges(deps.db, { organizationPath: organization.path, limit: 50 }),
      ]);
      const byValue = (id: string, title: string, field: string, rows: typeof counts.byResidence) =>
        section(id, title, rows, [field, '人数', '占比'], (row) => [row.value ?? '不详', String(row.count), percent(row.count, counts.members)]);
      return html`
<div class="cards"><div class="card">党员<b>${counts.members}</b></div><div class="card">季度询问<b id="asked">${answers.asked}</b></div><div class="card">已答复<b id="answered">${answers.answered}</b></div></div>
${byValue('by-residence', '按现居地', '现居地', counts.byResidence)}
${byValue('by-workplace', '按工作', '工作', counts.byWorkplace)}
${section('unanswered', `近 ${deps.config.WHEREABOUTS_STALE_DAYS} 天问过去向、尚未答复（${answers.asked - answers.answered} 人）`, answers.waiting, ['姓名', '询问时间', '党组织'], (m) => [
  html`<a href="/members/${m.id}">${m.name}</a>`,
  when(m.askedAt, timeZone),
  m.organizationPath,
])}
${section('changes', '最近的去向变动', changes, ['姓名', '时间', '现居地', '工作', '来源'], (c) => [
  html`<a href="/members/${c.memberId}">${c.name}</a>`,
  when(c.at, timeZone),
  c.residence ?? '—',
  c.workplace ?? '—',
  whereaboutsSources[c.source],
])}`;
    },
  });
}
