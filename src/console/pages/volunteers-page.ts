import { getVolunteerStats } from '../../domain/teams/get-volunteer-stats.ts';
import { formatHours } from '../../domain/teams/format-hours.ts';
import { listScopedTeams } from '../../domain/teams/list-scoped-teams.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { html } from '../html.ts';
import { organizationPage } from '../organization-filter.ts';
import { section } from '../sections.ts';

/** 志愿服务: the teams of the organisation and below (as 队伍 and 志愿统计): members, active members and hours this year. */
export function volunteersPage(deps: ConsoleDeps) {
  return organizationPage(deps, {
    path: '/volunteers',
    title: '志愿服务',
    async render(organization, now) {
      const [teams, stats] = await Promise.all([
        listScopedTeams(deps.db, { organizationPath: organization.path }),
        getVolunteerStats(deps.db, { organizationPath: organization.path, now, timeZone: deps.config.APP_TIME_ZONE }),
      ]);
      const statsOf = new Map(stats.map((s) => [`${s.organizationPath}\n${s.name}`, s]));
      return html`
${section('teams', `志愿服务队（${teams.length} 支）`, teams, ['队伍', '队员', '今年活跃', '今年服务小时', '党组织', '说明'], (t) => {
  const s = statsOf.get(`${t.organizationPath}\n${t.name}`);
  return [html`<a href="/members?tag=${encodeURIComponent(t.name)}&org=${organization.id}">${t.name}</a>`, String(t.members), String(s?.active ?? 0), formatHours(s?.hours ?? 0), t.organizationPath, t.description ?? ''];
})}
<p class="muted">队员名单：点队名在「党员」页查看；「活动@队名」的出席按活动时长计入服务小时。</p>`;
    },
  });
}
