import type { FastifyInstance } from 'fastify';
import type { BroadcastKind, DeliveryStatus } from '../../generated/prisma/client.ts';
import { getSendingSummary } from '../../domain/console/get-sending-summary.ts';
import { countProactiveBacklog, proactiveBacklogText } from '../../domain/shared/count-proactive-backlog.ts';
import { readsFrom, type ConsoleDeps } from '../console-deps.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { userOf } from '../session.ts';

const kindLabels: Record<BroadcastKind, string> = {
  INVITATION: '活动邀请', NOTICE: '通知', REMINDER: '活动提醒', FOLLOW_UP: '活动跟进', CANCELLATION: '取消活动',
  STUDY_PACK: '学习包', STUDY_REMINDER: '学习提醒', NUDGE: '问候', CARE_ALERT: '关爱提醒', DIGEST: '周报',
  ACCOUNT_NOTICE: '绑定通知', SUGGESTION_REPLY: '建议回复', WHEREABOUTS_PROMPT: '去向确认', POLL: '投票', POLL_REMINDER: '投票提醒',
};
const statuses: [DeliveryStatus, string][] = [['QUEUED', '排队中'], ['SENDING', '发送中'], ['SENT', '已发送'], ['FAILED', '失败'], ['DROPPED', '已撤回（发送时已不需要）']];
const days = 30;

/** 发送: the account's outbox for the organisation — queued / sent / failed with reasons, and what waits for quiet hours or the cap. */
export function sendingPage(deps: ConsoleDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/sending', async (request, reply) => {
      const user = userOf(request);
      const summary = await getSendingSummary(readsFrom(deps), { organizationPath: user.scopePath, now: deps.now(), days });
      const backlog = await countProactiveBacklog(readsFrom(deps), { organizationPath: user.scopePath });
      const kinds = [...new Set(summary.byKind.map((row) => row.kind))];
      const count = (kind: BroadcastKind, status: DeliveryStatus) => summary.byKind.find((row) => row.kind === kind && row.status === status)?.count ?? 0;
      const body = html`
<p>发送节奏：每 ${deps.config.SEND_INTERVAL_SECONDS} 秒至多一条，${deps.config.QUIET_HOURS === 'off' ? '不设免打扰时段' : `免打扰时段 ${deps.config.QUIET_HOURS}`}，每人每天至多 ${deps.config.DAILY_MESSAGE_CAP} 条主动消息。</p>
<p>排队超过 1 分钟未发出：<b id="held">${summary.held}</b> 条（按节奏依次发送中，或因免打扰时段、每人每日上限、账号掉线而暂缓）</p>
${backlog > 0 ? html`<p id="backlog">${proactiveBacklogText(backlog)}</p>` : ''}
${summary.awaitingMembers > 0 ? html`<p>服务号：<b id="awaiting">${summary.awaitingMembers}</b> 条在等党员下次留言后发出（48 小时互动窗口已关闭，且没有可用的模板消息）</p>` : ''}
<h2>近 ${days} 天</h2>
<table id="sending"><thead><tr><th>类型</th>${statuses.map(([, label]) => html`<th>${label}</th>`)}</tr></thead><tbody>
${kinds.map((kind) => html`<tr><td>${kindLabels[kind]}</td>${statuses.map(([status]) => html`<td>${count(kind, status)}</td>`)}</tr>`)}
</tbody></table>
<h2>失败原因</h2>
<table id="failures"><thead><tr><th>原因</th><th>条数</th></tr></thead><tbody>
${summary.failures.map((f) => html`<tr><td>${f.reason === 'no WeChat bound' ? '未绑定微信' : f.reason}</td><td>${f.count}</td></tr>`)}
</tbody></table>`;
      return reply.type('text/html').send(page({ title: '发送', user, csrfToken: reply.generateCsrf(), current: '/sending', body }));
    });
  };
}
