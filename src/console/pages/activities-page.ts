import type { FastifyInstance, FastifyReply } from 'fastify';
import { createBroadcastPreview, type PreviewRequest } from '../../domain/activities/create-broadcast-preview.ts';
import { activityPhase } from '../../domain/activities/activity-phase.ts';
import { attendanceWindowOf } from '../../domain/activities/attendance-book.ts';
import { getActivityStats } from '../../domain/activities/get-activity-stats.ts';
import { listActivities } from '../../domain/activities/list-activities.ts';
import { findActivityTime } from '../../domain/activities/parse-activity-time.ts';
import { confirmBroadcastPreview } from '../../domain/broadcasts/confirm-broadcast-preview.ts';
import { countAudience } from '../../domain/broadcasts/count-audience.ts';
import { discardBroadcastPreview } from '../../domain/broadcasts/discard-broadcast-preview.ts';
import type { ConsoleUser } from '../../domain/console/console-user.ts';
import { formatDateTime } from '../../domain/shared/format-date-time.ts';
import { mentionsToday, notToday, timingText } from '../../domain/shared/sending-forecast.ts';
import { isWithinOrganization } from '../../domain/shared/organization-scope.ts';
import { senderMemberSelect, toSenderMember } from '../../domain/shared/sender.ts';
import { showActivityQrCode } from '../activity-qr-code.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { rowIdSchema } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';
import { userOf } from '../session.ts';

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;

/** 紧急 on a preview form: that one message passes the members' daily cap (never quiet hours or the account's limits). */
const urgentBox = html`<p><label><input type="checkbox" name="urgent" value="on"> 紧急（越过每人每日条数上限；免打扰时段和账号限额照常）</label></p>`;

interface PreviewForm {
  kind: 'activity' | 'notice';
  title?: string;
  time?: string;
  place?: string;
  description?: string;
  content?: string;
  tag?: string;
  /** 紧急: past the members' daily cap. */
  urgent?: 'on';
}

/**
 * 活动与通知: each activity with invited / delivered / 报名 / attended and who has not answered;
 * a new activity or notice goes through the same preview → 确认 as in chat, then the same outbox.
 */
export function activitiesPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  const window = attendanceWindowOf(deps.config);
  // The activity's time and status as 统计 <编号> gives them in chat.
  const time = (at: Date) => formatDateTime(at, { now: deps.now(), timeZone });
  const phase = (activity: Parameters<typeof activityPhase>[0]) => activityPhase(activity, deps.now(), window);
  const send = (reply: FastifyReply, user: ConsoleUser, title: string, body: SafeHtml) =>
    reply.type('text/html').send(page({ title, user, csrfToken: reply.generateCsrf(), current: '/activities', body }));

  return async (app: FastifyInstance): Promise<void> => {
    app.get('/activities', async (request, reply) => {
      const user = userOf(request);
      const activities = await listActivities(deps.db, { organizationPath: user.scopePath, limit: 100 });
      const csrf = reply.generateCsrf();
      const body = html`
<table id="activities"><thead><tr><th>编号</th><th>活动</th><th>时间</th><th>地点</th><th>党组织</th><th>状态</th><th>邀请</th><th>送达</th><th>报名</th><th>出席</th></tr></thead><tbody>
${activities.map(
  (a) => html`<tr><td>${a.id}</td><td><a href="/activities/${a.id}">${a.title}</a></td><td>${time(a.startsAt)}</td><td>${a.place}</td><td>${a.organizationPath}</td><td>${phase(a)}</td><td>${a.invited}</td><td>${a.delivered}</td><td>${a.rsvpYes}</td><td>${a.attended}</td></tr>`,
)}
</tbody></table>
<h2>发起活动</h2>
<form method="post" action="/activities/preview">
  <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="kind" value="activity">
  <p><label>标题 <input name="title" required maxlength="50"></label></p>
  <p><label>时间 <input name="time" required maxlength="30" placeholder="12月1日14:30 / 周六上午9点"></label></p>
  <p><label>地点 <input name="place" required maxlength="50"></label></p>
  <p><label>说明 <input name="description" maxlength="200"></label></p>
  <p><label>只邀请标签 <input name="tag" maxlength="20" placeholder="如 志愿者（可不填）"></label></p>
  ${urgentBox}
  <button type="submit">预览</button>
</form>
<h2>发通知</h2>
<form method="post" action="/activities/preview">
  <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="kind" value="notice">
  <p><textarea name="content" required maxlength="500" rows="4"></textarea></p>
  <p><label>只发给标签 <input name="tag" maxlength="20"></label></p>
  ${urgentBox}
  <button type="submit">预览</button>
</form>`;
      return reply.type('text/html').send(page({ title: '活动与通知', user, csrfToken: csrf, current: '/activities', body }));
    });

    app.get('/activities/:id', { schema: { params: { type: 'object', required: ['id'], properties: { id: rowIdSchema } } } }, async (request, reply) => {
      const user = userOf(request);
      const { id } = request.params as { id: number };
      const stats = await getActivityStats(deps.db, { activityId: id, nameLimit: null });
      if (!stats || !isWithinOrganization(stats.activity.organizationPath, user.scopePath)) return reply.callNotFound();
      const a = stats.activity;
      const qrCode = await onSiteQrCode(deps, a.id);
      const body = html`
<p>${time(a.startsAt)} · ${a.place} · ${a.organizationPath} · ${phase(a)} · 现场签到码 ${a.checkInCode}</p>
${qrCode}
<div class="cards">
  <div class="card">邀请<b>${stats.invited}</b></div><div class="card">送达<b>${stats.delivered}</b></div>
  <div class="card">未绑定<b>${stats.unreachable}</b></div><div class="card">待发送<b>${stats.pending}</b></div>
  <div class="card">报名<b>${stats.rsvpYes}</b></div><div class="card">取消报名<b>${stats.rsvpCancelled}</b></div>
  <div class="card">出席<b>${stats.attended}</b></div><div class="card">未回复<b>${stats.unanswered}</b></div>
</div>
<h2>报名（${stats.rsvpYes} 人）</h2>
<p id="rsvp">${stats.rsvpNames.join('、') || '—'}</p>
<h2>出席（${stats.attended} 人）</h2>
<p id="attended">${stats.attendedNames.join('、') || '—'}</p>
<h2>未回复（${stats.unanswered} 人，其中 ${stats.unansweredUnreachable} 人未绑定微信）</h2>
<p id="unanswered">${stats.unansweredNames.join('、') || '—'}</p>`;
      return send(reply, user, a.title, body);
    });

    app.post(
      '/activities/preview',
      {
        schema: {
          body: {
            type: 'object',
            required: ['kind'],
            properties: { kind: { enum: ['activity', 'notice'] }, title: text(50), time: text(30), place: text(50), description: text(200), content: text(500), tag: text(20), urgent: { enum: ['on'] }, _csrf: { type: 'string' } },
          },
        },
      },
      async (request, reply) => {
        const user = userOf(request);
        const form = request.body as PreviewForm;
        const built = previewRequest(form, deps.now(), timeZone);
        if (!built.ok) return send(reply.code(400), user, '无法预览', html`<p class="error">${built.reason}</p><p><a href="/activities">返回</a></p>`);
        const secretary = toSenderMember(await deps.db.member.findUniqueOrThrow({ where: { id: user.memberId }, select: senderMemberSelect }));
        const targetTag = form.tag?.trim() || null;
        const urgent = form.urgent === 'on';
        const preview = await createBroadcastPreview(deps.db, { secretary, targetTag, urgent, request: built.request, timeZone });
        const [audience, forecast] = await Promise.all([
          countAudience(deps.db, { organizationPath: secretary.organizationPath, targetTag }),
          deps.outbox.forecast(preview.broadcastId),
        ]);
        const late = forecast ? notToday(forecast, timeZone) : 0;
        const csrf = reply.generateCsrf();
        const body = html`
<pre id="preview-text">${preview.text}</pre>
${preview.checkInCode ? html`<p>现场签到码：${preview.checkInCode}（活动时向到场党员宣读，请勿发到群里）</p>` : ''}
<p>将私聊发送给 ${secretary.organizationPath}${targetTag ? `（标签「${targetTag}」）` : ''} 的 <b>${audience.reachable}</b> 名党员${audience.groups > 0 ? `，并发到 ${audience.groups} 个群` : ''}${audience.members > audience.reachable ? `；另有 ${audience.members - audience.reachable} 人未绑定微信，收不到` : ''}。</p>
${forecast && audience.reachable > 0 ? html`<p id="forecast">预计${timingText(forecast, timeZone)}。</p>` : ''}
${urgent ? html`<p id="urgent">紧急：越过每人每日条数上限（免打扰时段和账号限额照常）。</p>` : ''}
${late > 0 && mentionsToday(preview.text) ? html`<p class="error" id="today-warning">内容提到今天，但有 ${late} 人今天收不到。${urgent ? '' : '确有必要可返回勾选「紧急」。'}</p>` : ''}
<form method="post" action="/activities/confirm" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" id="confirm">确认发送</button></form>
<form method="post" action="/activities/discard" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">取消</button></form>`;
        return send(reply, user, preview.activityId ? `请确认活动（编号 ${preview.activityId}）` : '请确认通知', body);
      },
    );

    app.post('/activities/confirm', async (request, reply) => {
      const user = userOf(request);
      const result = await confirmBroadcastPreview(deps.db, { secretaryId: user.memberId, now: deps.now() });
      if (result.outcome === 'nothing-to-confirm') {
        return send(reply.code(409), user, '没有待确认的内容', html`<p>没有待确认的活动或通知（可能已在微信里确认或取消）。</p><p><a href="/activities">返回</a></p>`);
      }
      if (result.outcome === 'waiting') {
        // The latest preview was a 学习包 sent in chat after this page's preview (which it replaced).
        return send(reply, user, '学习包已确认', html`<p>您在微信里预览的学习包「${result.studyPack.title}」已确认，进入每周推送队列${result.position ? `（第 ${result.position} 位）` : ''}。页面上的预览已被它取代，没有发送。</p><p><a href="/study">查看学习</a></p>`);
      }
      await deps.outbox.enqueueDeliveries(result.deliveryIds);
      if (result.activity) await deps.reminders.schedule(result.activity);
      deps.log.info({ memberId: user.memberId, broadcastId: result.broadcastId, deliveries: result.deliveryIds.length }, 'console broadcast confirmed');
      return reply.redirect(result.activity ? `/activities/${result.activity.id}` : '/sending', 303);
    });

    app.post('/activities/discard', async (request, reply) => {
      await discardBroadcastPreview(deps.db, { secretaryId: userOf(request).memberId });
      return reply.redirect('/activities', 303);
    });
  };
}

/** On the official account: the activity's attendance QR code and the link to its printable sheet. */
async function onSiteQrCode(deps: ConsoleDeps, activityId: number): Promise<SafeHtml | ''> {
  if (!deps.officialAccount) return '';
  const shown = await showActivityQrCode(deps, activityId);
  const code = shown && 'code' in shown ? html`<div style="max-width: 160px">${shown.svg}</div>` : '';
  return html`<div id="on-site-qr">${code}<a href="/activities/${activityId}/qr">现场签到二维码（打印）</a></div>`;
}

function previewRequest(form: PreviewForm, now: Date, timeZone: string): { ok: true; request: PreviewRequest } | { ok: false; reason: string } {
  if (form.kind === 'notice') {
    const content = form.content?.trim();
    return content ? { ok: true, request: { kind: 'NOTICE', content } } : { ok: false, reason: '通知内容不能为空。' };
  }
  const [title, place, time] = [form.title?.trim(), form.place?.trim(), form.time?.trim()];
  if (!title || !place || !time) return { ok: false, reason: '标题、时间和地点都要填写。' };
  const tokens = time.split(/\s+/);
  const parsed = findActivityTime(tokens, { now, timeZone });
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (parsed.index !== 0 || parsed.consumed !== tokens.length) return { ok: false, reason: `看不懂时间「${time}」，请写成 12月1日14:30 这样。` };
  return { ok: true, request: { kind: 'INVITATION', title, startsAt: parsed.startsAt, place, description: form.description?.trim() || null } };
}
