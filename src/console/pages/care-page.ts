import type { FastifyInstance } from 'fastify';
import { listAtRiskMembers, listSilentMembers, type CareList } from '../../domain/care/list-care-members.ts';
import { listMembersOnLeave } from '../../domain/leave/list-members-on-leave.ts';
import { answerRelinkQuestion, type RelinkAnswer } from '../../domain/members/answer-relink-question.ts';
import { listRelinkQuestions } from '../../domain/members/list-relink-questions.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { leaveEnd, phoneLink, rowIdSchema, when, whereabouts } from '../format.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { organizationPicker, organizationQuerySchema, pageOrganization } from '../organization-filter.ts';
import { section } from '../sections.ts';
import { userOf } from '../session.ts';

const listLimit = 500;

const answerNotices: Readonly<Record<RelinkAnswer['outcome'], string>> = {
  relinked: '已确认：该党员的记录已关联到所选微信，之前的记录和待发消息都已保留。',
  'not-found': '没有找到这个待确认事项。',
  answered: '这个待确认事项已经确认过了。',
  'no-such-choice': '没有这个序号。',
  taken: '所选微信已绑定了其他党员，未做更改。请核实后再试，或在微信中使用「解绑」。',
};

/**
 * 关心关爱, to act on: 疑似失联 and 14 天无动态 with phone, contact person and last visit (the lists of
 * 失联预警 and 未签到), members on leave until when, those without a bound WeChat, and the 待确认
 * questions after a login, answered with a click as `确认对应` does.
 */
export function carePage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  const days = deps.config.SILENT_AFTER_DAYS;
  const careTable = (id: string, title: string, list: CareList) =>
    html`${section(id, `${title}（${list.total} 人）`, list.members, ['姓名', '电话', '结对联系人', '最近动态', '最近走访', '去向', '党组织'], (m) => [
      html`<a href="/members/${m.id}">${m.name}</a>`,
      phoneLink(m.phone),
      m.contactPerson ? html`${m.contactPerson.name} ${phoneLink(m.contactPerson.phone)}` : '—',
      when(m.lastActiveAt, timeZone),
      when(m.lastVisitAt, timeZone),
      whereabouts(m),
      m.organizationPath,
    ])}${list.total > list.members.length ? html`<p class="muted">只显示前 ${list.members.length} 人；完整名单请在「党员」页筛选或导出党员台账。</p>` : ''}`;
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/care', { schema: { querystring: { ...organizationQuerySchema, properties: { ...organizationQuerySchema.properties, answered: { type: 'string', enum: Object.keys(answerNotices) } } } } }, async (request, reply) => {
      const user = userOf(request);
      const organization = await pageOrganization(deps, request);
      if (!organization) return reply.callNotFound();
      const now = deps.now();
      const organizationPath = organization.path;
      const [{ lost, unreachable }, silent, onLeave, questions, picker] = await Promise.all([
        listAtRiskMembers(deps.db, { organizationPath, limit: listLimit }),
        listSilentMembers(deps.db, { organizationPath, silentSince: new Date(now.getTime() - days * 86_400_000), now, limit: listLimit }),
        listMembersOnLeave(deps.db, { organizationPath, now, limit: listLimit }),
        listRelinkQuestions(deps.db, { organizationPath, limit: 100 }),
        organizationPicker(deps, request, { action: '/care', selected: organization }),
      ]);
      const csrf = reply.generateCsrf();
      const answered = (request.query as { answered?: RelinkAnswer['outcome'] }).answered;
      const body = html`${picker}${answered ? html`<p class="notice" id="relink-answer">${answerNotices[answered]}</p>` : ''}
<p>${organization.path}（含下级组织）</p>
${section('relink', `待确认（${questions.length} 件）`, questions, ['党员', '提出时间', '是哪个微信'], (q) => [
  html`<a href="/members/${q.memberId}">${q.memberName}</a>`,
  when(q.createdAt, timeZone),
  html`${q.candidates.map((c) => html`<form method="post" action="/care/relink/${q.id}" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="choice" value="${c.choice}"><button type="submit">${c.choice}. ${c.handle ? `微信号 ${c.handle}` : `联系人 …${c.contactId.slice(-6)}`}</button></form> `)}`,
])}
${careTable('lost', '疑似失联', lost)}
${careTable('silent', `${days} 天无动态`, silent)}
${section('on-leave', `请假中（${onLeave.total} 人）`, onLeave.members, ['姓名', '请假到', '事由', '电话', '党组织'], (m) => [
  html`<a href="/members/${m.id}">${m.name}</a>`,
  leaveEnd(m.leaveUntil, now, timeZone),
  m.reason ?? '—',
  phoneLink(m.phone),
  m.organizationPath,
])}
${careTable('unbound', '未绑定微信，助手联系不到，请电话或当面联系', unreachable)}`;
      return reply.type('text/html').send(page({ title: '关心关爱', user, csrfToken: csrf, current: '/care', body }));
    });

    app.post(
      '/care/relink/:id',
      {
        schema: {
          params: { type: 'object', required: ['id'], properties: { id: rowIdSchema } },
          body: { type: 'object', required: ['choice'], properties: { choice: { type: 'integer', minimum: 1, maximum: 100 }, _csrf: { type: 'string' } } },
        },
      },
      async (request, reply) => {
        const user = userOf(request);
        const { id } = request.params as { id: number };
        const { choice } = request.body as { choice: number };
        const answer = await answerRelinkQuestion(deps.db, {
          secretary: { role: user.role, organizationPath: user.scopePath },
          questionId: id,
          choice,
          account: deps.config.BOT_NAME,
          now: deps.now(),
        });
        if (answer.outcome === 'not-found') return reply.callNotFound();
        if (answer.outcome === 'relinked') await deps.markers?.mark([answer.contactId]);
        return reply.redirect(`/care?answered=${answer.outcome}`, 303);
      },
    );
  };
}
