import { randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ConsoleUser } from '../../domain/console/console-user.ts';
import { checkRosterScope } from '../../roster/check-roster-scope.ts';
import { importRoster, planRosterImport, type ImportRosterResult } from '../../roster/import-roster.ts';
import type { RosterError, RosterRow } from '../../roster/parse-roster.ts';
import { readRosterFile } from '../../roster/read-roster-file.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';
import { userOf } from '../session.ts';
import { exports, exportTitles } from './export-routes.ts';

/** An upload checked and previewed, waiting for the confirm button (of the same user, for a while). */
interface PendingImport {
  memberId: number;
  rows: RosterRow[];
  expiresAt: number;
}

const pendingLifetimeMs = 30 * 60_000;
const maxUploadBytes = 20 * 1024 * 1024;

/**
 * The Excel page: the exports, and the roster upload (.xlsx, or CSV in UTF-8 or GBK). An upload
 * is checked whole — every bad row listed with its line — and previewed as new / updated /
 * unchanged members before the confirm button writes it, all or nothing.
 */
export function importRoutes(deps: ConsoleDeps) {
  const pending = new Map<string, PendingImport>();
  const send = (reply: FastifyReply, user: ConsoleUser, title: string, body: SafeHtml, csrfToken = reply.generateCsrf()) =>
    reply.type('text/html').send(page({ title, user, csrfToken, current: '/excel', body }));

  return async (app: FastifyInstance): Promise<void> => {
    await app.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: maxUploadBytes, files: 1, fields: 5 } });

    app.get('/excel', async (request, reply) => {
      const user = userOf(request);
      const csrf = reply.generateCsrf();
      const body = html`
<h2>导出（${user.scopePath} 及下级组织）</h2>
<ul>${exports.map((name) => html`<li><a href="/export/${name}.xlsx" download>${exportTitles[name]}</a></li>`)}</ul>
<h2>导入党员名册</h2>
<p>Excel（.xlsx）或 CSV（UTF-8 或 Excel 另存的 GBK 均可）。列：姓名、手机号、党组织（如 城北区/祁连路社区/流动党员支部）、角色（党员 / 书记 / 管理员），可选 现居地、工作。按手机号更新，重复导入不会重复登记；有一行出错则整份不导入。</p>
<form method="post" action="/excel/import" enctype="multipart/form-data">
  <input type="hidden" name="_csrf" value="${csrf}">
  <input type="file" name="roster" accept=".xlsx,.csv" required> <button type="submit" id="upload">检查并预览</button>
</form>`;
      return send(reply, user, 'Excel 导入导出', body, csrf);
    });

    app.post('/excel/import', async (request, reply) => {
      const user = userOf(request);
      const file = (request.body as { roster?: unknown }).roster;
      if (!Buffer.isBuffer(file) || file.length === 0) return send(reply.code(400), user, '请选择文件', html`<p><a href="/excel">返回</a></p>`);
      const parsed = await readRosterFile(file);
      const errors: RosterError[] = parsed.errors.length > 0 ? parsed.errors : await checkRosterScope(deps.db, parsed.rows, { scopePath: user.scopePath, role: user.role });
      if (errors.length > 0) {
        errors.sort((a, b) => a.line - b.line);
        deps.log.info({ memberId: user.memberId, badRows: errors.length }, 'console roster upload refused');
        const body = html`<p class="error">有 ${errors.length} 处错误，整份名册没有导入。请改正后重新上传：</p>
<table id="import-errors"><thead><tr><th>行</th><th>问题</th></tr></thead><tbody>${errors.map((e) => html`<tr><td>第 ${e.line} 行</td><td>${e.reason}</td></tr>`)}</tbody></table>
<p><a href="/excel">返回</a></p>`;
        return send(reply.code(422), user, '名册有错误', body);
      }
      const plan = await planRosterImport(deps.db, parsed.rows);
      for (const [id, item] of pending) if (item.expiresAt < Date.now() || item.memberId === user.memberId) pending.delete(id);
      const importId = randomUUID();
      pending.set(importId, { memberId: user.memberId, rows: parsed.rows, expiresAt: Date.now() + pendingLifetimeMs });
      const csrf = reply.generateCsrf();
      const body = html`${summary(plan, '将')}
<form method="post" action="/excel/import/confirm" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="importId" value="${importId}"><button type="submit" id="confirm-import">确认导入</button></form>
<a href="/excel">取消</a>`;
      return send(reply, user, '导入预览', body, csrf);
    });

    app.post(
      '/excel/import/confirm',
      { schema: { body: { type: 'object', required: ['importId'], properties: { importId: { type: 'string', format: 'uuid' }, _csrf: { type: 'string' } } } } },
      async (request, reply) => {
        const user = userOf(request);
        const { importId } = request.body as { importId: string };
        const item = pending.get(importId);
        if (!item || item.memberId !== user.memberId || item.expiresAt < Date.now()) {
          return send(reply.code(410), user, '预览已失效', html`<p>请重新上传名册。</p><p><a href="/excel">返回</a></p>`);
        }
        pending.delete(importId);
        // Checked again: the roster may have changed since the preview (another import, a move).
        const errors = await checkRosterScope(deps.db, item.rows, { scopePath: user.scopePath, role: user.role });
        if (errors.length > 0) return send(reply.code(409), user, '名册已变化', html`<p class="error">名册在预览后有变化，请重新上传。</p>`);
        const result = await importRoster(deps.db, item.rows);
        deps.log.info({ memberId: user.memberId, created: result.created, updated: result.updated, unchanged: result.unchanged }, 'console roster imported');
        return send(reply, user, '导入完成', html`${summary(result, '已')}<p><a href="/members">查看党员</a></p>`);
      },
    );
  };
}

function summary(result: ImportRosterResult, verb: '将' | '已'): SafeHtml {
  return html`<table id="import-summary">
<tr><th>${verb}新增党员</th><td>${result.created}</td></tr>
<tr><th>${verb}更新党员</th><td>${result.updated}</td></tr>
<tr><th>不变</th><td>${result.unchanged}</td></tr>
<tr><th>${verb}新建党组织</th><td>${result.organizationsCreated}</td></tr></table>`;
}
