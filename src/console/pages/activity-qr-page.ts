import type { FastifyInstance } from 'fastify';
import type { ActivityStatus } from '../../generated/prisma/client.ts';
import { findActivityInScope } from '../../domain/activities/find-activity-in-scope.ts';
import { showActivityQrCode } from '../activity-qr-code.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { rowIdSchema, when } from '../format.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { userOf } from '../session.ts';

/** Why an activity has no code when WeChat did not fail: by its status (an open one's window has closed). */
const noCodeReasons: Record<ActivityStatus, string> = {
  DRAFT: '活动尚未确认，确认后才有签到二维码。',
  OPEN: '签到时间已过，二维码已失效。',
  CANCELLED: '活动已取消，没有签到二维码。',
};

const qrSheetCss = html`<link rel="stylesheet" href="/static/activity-qr.css">`;

/**
 * The printable on-site attendance sheet of an activity (official account only): title, time, place,
 * its QR code drawn large, and the check-in window. Another organisation's activity is 404.
 */
export function activityQrPage(deps: ConsoleDeps) {
  const { APP_TIME_ZONE: timeZone, ACTIVITY_CHECK_IN_OPENS_MINUTES: opensMinutes } = deps.config;

  return async (app: FastifyInstance): Promise<void> => {
    app.get('/activities/:id/qr', { schema: { params: { type: 'object', required: ['id'], properties: { id: rowIdSchema } } } }, async (request, reply) => {
      const user = userOf(request);
      const { id } = request.params as { id: number };
      const activity = deps.officialAccount ? await findActivityInScope(deps.db, { activityId: id, scopePath: user.scopePath }) : null;
      if (!activity) return reply.callNotFound();
      const shown = await showActivityQrCode(deps, id);
      const opensAt = new Date(activity.startsAt.getTime() - opensMinutes * 60_000);
      const code = shown && 'code' in shown ? shown : null;
      const body = html`
<p class="qr-meta">${when(activity.startsAt, timeZone)} · ${activity.place}</p>
${
  code
    ? html`<div class="qr-code">${code.svg}</div>
<p class="qr-window">签到时间：${when(opensAt, timeZone)} 至 ${when(code.code.closesAt, timeZone)}</p>
<p class="qr-how">用微信扫一扫即记录出席（须已在本公众号绑定；未关注的先关注再绑定）</p>
${code.code.expiresAt < code.code.closesAt ? html`<p class="error no-print">此二维码 ${when(code.code.expiresAt, timeZone)} 失效（微信二维码最长 30 天），早于签到结束。请在活动前 30 天内重新打开本页再打印。</p>` : ''}
<p class="no-print"><button type="button" onclick="window.print()">打印</button> <a href="/activities/${activity.id}">返回活动</a></p>`
    : html`<p class="error">${shown ? '二维码暂时无法生成（微信接口出错），请稍后刷新。' : noCodeReasons[activity.status]}</p><p><a href="/activities/${activity.id}">返回活动</a></p>`
}`;
      const title = `${activity.title} · 现场签到`;
      return reply
        .code(shown && !code ? 503 : 200)
        .type('text/html')
        .send(page({ title, user, csrfToken: reply.generateCsrf(), current: '/activities', body, head: qrSheetCss }));
    });
  };
}
