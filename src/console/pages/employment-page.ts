import { getJobStats } from '../../domain/jobs/get-job-stats.ts';
import { listJobPosts } from '../../domain/jobs/list-job-posts.ts';
import { listJobSeekers } from '../../domain/jobs/list-job-seekers.ts';
import { localYear } from '../../domain/shared/local-year.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { phoneLink, when } from '../format.ts';
import { html } from '../html.ts';
import { organizationPage } from '../organization-filter.ts';
import { section } from '../sections.ts';

/** 返乡就业: 就业统计 per organisation, the seekers (looking, and placed this year), the posts with who said 意向. */
export function employmentPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  return organizationPage(deps, {
    path: '/employment',
    title: '返乡就业',
    async render(organization, now) {
      const { from } = localYear(now, timeZone);
      const [stats, seekers, posts] = await Promise.all([
        getJobStats(deps.db, { organizationPath: organization.path, yearStart: from }),
        listJobSeekers(deps.db, { organizationPath: organization.path, placedSince: from, limit: 500 }),
        listJobPosts(deps.db, { organizationPath: organization.path, limit: 50 }),
      ]);
      return html`
${section('job-stats', '就业统计', stats, ['党组织', '求职中', '今年有意向', '今年已就业'], (s) => [s.organizationPath, String(s.seeking), String(s.interested), String(s.placedThisYear)])}
${section('seekers', '求职党员', seekers, ['姓名', '状态', '意向工作', '电话', '登记时间', '表达意向', '党组织'], (s) => [
  html`<a href="/members/${s.memberId}">${s.name}</a>`,
  s.status === 'SEEKING' ? '求职中' : `已就业${s.placedNote ? `：${s.placedNote}` : ''}（${when(s.placedAt, timeZone)}）`,
  s.wishes.join('、') || '不限',
  phoneLink(s.phone),
  when(s.since, timeZone),
  `${s.interests} 个岗位`,
  s.organizationPath,
])}
${section('posts', '岗位', posts, ['编号', '岗位', '发给', '有意向', '发布时间'], (p) => [String(p.id), p.text, `${p.sentTo} 人`, p.interested.join('、') || '—', when(p.createdAt, timeZone)])}`;
    },
  });
}
