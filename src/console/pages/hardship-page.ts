import { getHardshipStats } from '../../domain/hardship/get-hardship-stats.ts';
import { listHardshipCases, type HardshipCaseRecord } from '../../domain/hardship/list-hardship-cases.ts';
import { localYear } from '../../domain/shared/local-year.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { when } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { organizationPage } from '../organization-filter.ts';
import { section } from '../sections.ts';

/** 困难帮扶: the figures of 帮扶统计, then the cases (open first) with the help given and the amounts. */
export function hardshipPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  return organizationPage(deps, {
    path: '/hardship',
    title: '困难帮扶',
    async render(organization, now) {
      const { from } = localYear(now, timeZone);
      const [stats, { total, cases }] = await Promise.all([
        getHardshipStats(deps.db, { organizationPath: organization.path, since: from }),
        listHardshipCases(deps.db, { organizationPath: organization.path, limit: 200 }),
      ]);
      return html`
<div class="cards"><div class="card">未结案<b id="open-cases">${stats.openCases}</b></div><div class="card">今年帮扶<b>${stats.helpsThisYear} 次</b></div><div class="card">今年帮扶人数<b>${stats.membersHelpedThisYear}</b></div></div>
${section('by-kind', '今年按方式', stats.byKind, ['方式', '次数', '金额（元）'], (k) => [k.kind, String(k.count), k.amount ?? '—'])}
${section('cases', `帮扶对象（${total} 件）`, cases, ['党员', '情况', '帮扶', '合计（元）', '状态'], (c) => [
  html`<a href="/members/${c.memberId}">${c.memberName}</a>`,
  html`${c.description}<div class="muted">${when(c.openedAt, timeZone)} ${c.openedBy} 立案</div>`,
  helpGiven(c, timeZone),
  c.amount ?? '—',
  c.closedAt ? `已结案（${when(c.closedAt, timeZone)}）` : '未结案',
])}
${total > cases.length ? html`<p class="muted">只显示前 ${cases.length} 件。</p>` : ''}`;
    },
  });
}

/** The help given in a case, one line each (慰问金 500.00 元 …). */
export function helpGiven(hardshipCase: HardshipCaseRecord, timeZone: string): SafeHtml {
  return html`${hardshipCase.help.map((h) => html`<div>${when(h.at, timeZone)} ${h.kind}${h.amount ? ` ${h.amount} 元` : ''}${h.detail ? ` ${h.detail}` : ''}</div>`)}`;
}
