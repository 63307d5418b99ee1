import type { FastifyInstance } from 'fastify';
import { getMemberRecords, type MemberRecords } from '../../domain/members/get-member-records.ts';
import { getMemberTimeline, type MemberTimeline } from '../../domain/members/get-member-timeline.ts';
import { isWithinOrganization } from '../../domain/shared/organization-scope.ts';
import { engagementLine } from '../../domain/talent/engagement-score.ts';
import { formatHours } from '../../domain/teams/format-hours.ts';
import { reportVisit } from '../../domain/visits/report-visit.ts';
import { visitKindLabels, visitKinds } from '../../domain/visits/visit-text.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { leaveEnd, memberState, phoneLink, rowIdSchema, whereabouts, whereaboutsSources, when } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { list, section } from '../sections.ts';
import { page } from '../layout.ts';
import { helpGiven } from './hardship-page.ts';
import { userOf } from '../session.ts';

/** As in chat (走访 张三 电话 …): at most 500 characters. */
const maxNoteLength = 500;
const roleLabels = { MEMBER: '党员', SECRETARY: '书记', ADMIN: '管理员' } as const;

/**
 * A member's page: who they are, every record the chat commands keep about them (leave, whereabouts,
 * contact person, visits, hardship, teams and hours, job search, skills, suggestions), the timeline,
 * and a 走访 form that records a visit as `走访 张三 电话 …` does.
 */
export function memberPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  const idParams = { type: 'object', required: ['id'], properties: { id: rowIdSchema } } as const;
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/members/:id', { schema: { params: idParams, querystring: { type: 'object', properties: { visited: { type: 'string', maxLength: 1 } } } } }, async (request, reply) => {
      const user = userOf(request);
      const { id } = request.params as { id: number };
      const now = deps.now();
      // Read side by side; the records are shown only when the timeline found the member in scope.
      const [timeline, records] = await Promise.all([
        getMemberTimeline(deps.db, { memberId: id, scopePath: user.scopePath, limit: 200 }),
        getMemberRecords(deps.db, { memberId: id, now, timeZone }),
      ]);
      if (!timeline || !records) return reply.callNotFound();
      const csrf = reply.generateCsrf();
      const visited = (request.query as { visited?: string }).visited === '1';
      const body = html`${visited ? html`<p class="notice" id="visit-recorded">已记录走访。记录中如提到去向，可在微信中发送「确认去向」更新。</p>` : ''}
${facts(timeline, records, now)}
<h2>走访</h2>
<form method="post" action="/members/${id}/visits" id="visit-form" class="filters">
  <input type="hidden" name="_csrf" value="${csrf}">
  <select name="kind" aria-label="方式">${Object.keys(visitKinds).map((label) => html`<option value="${label}">${label}</option>`)}</select>
  <textarea name="note" required maxlength="${maxNoteLength}" rows="2" placeholder="情况，例如：已联系上，在格尔木跑运输，年底回来"></textarea>
  <button type="submit">记录走访</button>
</form>
${section('visits', '走访记录', records.visits, ['时间', '方式', '记录人', '情况'], (v) => [when(v.at, timeZone), visitKindLabels[v.kind], v.recordedBy, v.note])}
${section('leave', '请假', records.leave, ['开始', '到', '结束', '事由'], (l) => [
  when(l.startedAt, timeZone),
  leaveEnd(l.until, now, timeZone),
  l.current ? '请假中' : l.endedAt ? `${when(l.endedAt, timeZone)} 销假` : '到期结束',
  l.reason ?? '',
])}
${section('whereabouts-history', '去向变动', records.whereabouts.changes, ['时间', '现居地', '工作', '来源'], (w) => [
  when(w.at, timeZone),
  w.residence ?? '—',
  w.workplace ?? '—',
  `${whereaboutsSources[w.source]}${w.recordedBy && w.source === 'VISIT' ? `（${w.recordedBy}）` : ''}`,
])}
${section('hardship', '困难帮扶', records.hardship, ['立案', '情况', '帮扶', '状态'], (c) => [
  `${when(c.openedAt, timeZone)}（${c.openedBy}）`,
  c.description,
  html`${helpGiven(c, timeZone)}${c.amount ? html`<div>合计 ${c.amount} 元</div>` : ''}`,
  c.closedAt ? `${when(c.closedAt, timeZone)} 结案` : '未结案',
])}
<h2>志愿服务</h2>
<p id="teams">队伍：${records.teams.join('、') || '未加入'}；今年出席活动 ${records.hoursThisYear.activities} 次，服务 ${formatHours(records.hoursThisYear.hours)} 小时</p>
<h2>返乡就业</h2>
${jobSearch(records)}
<h2>特长与意愿</h2>
<p id="talent">特长：${records.skills.join('、') || '未填写'}；${records.willingToServe ? '愿意回村任职（在人才库中）' : '未表示愿意回村任职'}</p>
${records.engagement ? html`<p class="muted" id="engagement">近 12 个月：${engagementLine(records.engagement)}</p>` : ''}
<h2>建议（${records.suggestions.total} 条，采纳 ${records.suggestions.adopted} 条）</h2>
${list('suggestions', records.suggestions.latest, (s) => html`${s.text}${s.replyText ? html`<div class="muted">答复：${s.replyText}</div>` : ''}${s.adopted ? html` <span class="badge">已采纳</span>` : ''}`)}
${records.caresFor.length > 0 ? html`<h2>结对联系的党员</h2><p id="cares-for">${records.caresFor.map((m, index) => html`${index > 0 ? '、' : ''}<a href="/members/${m.id}">${m.name}</a>`)}</p>` : ''}
<h2>动态</h2>
${timeline.events.length === 0 ? html`<p class="muted">还没有记录。</p>` : html`<table id="timeline"><thead><tr><th>时间</th><th>事项</th><th>内容</th></tr></thead><tbody>
${timeline.events.map((e) => html`<tr><td>${when(e.at, timeZone)}</td><td>${e.kind}</td><td>${e.detail}</td></tr>`)}
</tbody></table>`}`;
      return reply.type('text/html').send(page({ title: timeline.member.name, user, csrfToken: csrf, current: '/members', body }));
    });

    app.post(
      '/members/:id/visits',
      {
        schema: {
          params: idParams,
          body: {
            type: 'object',
            required: ['kind', 'note'],
            properties: { kind: { type: 'string', enum: Object.keys(visitKinds) }, note: { type: 'string', minLength: 1, maxLength: maxNoteLength }, _csrf: { type: 'string' } },
          },
        },
      },
      async (request, reply) => {
        const user = userOf(request);
        const { id } = request.params as { id: number };
        const { kind, note } = request.body as { kind: string; note: string };
        const member = await deps.db.member.findUnique({ where: { id }, select: { id: true, name: true, organization: { select: { path: true } } } });
        if (!member || !isWithinOrganization(member.organization.path, user.scopePath)) return reply.callNotFound();
        if (!note.trim()) return reply.redirect(`/members/${id}`, 303);
        const visit = await reportVisit(deps.db, { member, carer: { id: user.memberId, name: user.name }, kindLabel: kind, note: note.trim(), at: deps.now(), timeZone });
        if (visit.deliveryIds.length > 0) await deps.outbox.enqueueDeliveries(visit.deliveryIds);
        return reply.redirect(`/members/${id}?visited=1`, 303);
      },
    );
  };

  function facts(timeline: MemberTimeline, records: MemberRecords, now: Date): SafeHtml {
    const { member } = timeline;
    const leave = records.leave.find((l) => l.current);
    return html`<table class="facts" id="member-facts">
  <tr><th>状态</th><td>${memberState({ status: member.status, leaveUntil: leave?.until ?? null }, now)}${leave ? `（到 ${leaveEnd(leave.until, now, timeZone)}${leave.reason ? `，${leave.reason}` : ''}）` : ''}</td></tr>
  <tr><th>电话</th><td>${phoneLink(records.phone)}</td></tr>
  <tr><th>党组织</th><td>${member.organizationPath}</td></tr>
  <tr><th>角色</th><td>${roleLabels[member.role]}</td></tr>
  <tr><th>微信</th><td>${member.bound ? '已绑定' : '未绑定'}</td></tr>
  <tr><th>去向</th><td>${whereabouts(member)}<span class="muted">（${when(records.whereabouts.current.since, timeZone)} 起）</span></td></tr>
  <tr><th>最近动态</th><td>${when(member.lastActiveAt, timeZone)}</td></tr>
  <tr><th>结对联系人</th><td id="contact-person">${records.contactPerson ? html`<a href="/members/${records.contactPerson.id}">${records.contactPerson.name}</a> ${phoneLink(records.contactPerson.phone)}` : '—'}</td></tr>
  <tr><th>标签</th><td>${member.tags.join('、') || '—'}</td></tr>
</table>`;
  }

  function jobSearch(records: MemberRecords): SafeHtml {
    const job = records.jobSearch;
    if (!job) return html`<p class="muted" id="job-search">未登记求职。</p>`;
    return html`<p id="job-search">${
      job.status === 'SEEKING'
        ? `求职中（${when(job.since, timeZone)} 起）：${job.wishes.join('、') || '未写意向'}`
        : `已就业${job.placedNote ? `：${job.placedNote}` : ''}（${when(job.placedAt, timeZone)}）`
    }</p>${list('job-interests', job.interests, (i) => html`${when(i.at, timeZone)} 对岗位 ${i.postId} 有意向：${i.text}`)}`;
  }
}
