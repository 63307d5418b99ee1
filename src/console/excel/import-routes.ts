import { randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ConsoleUser } from '../../domain/console/console-user.ts';
import { endPairingsOutOfReach } from '../../domain/contact-persons/end-pairings-out-of-reach.ts';
import { checkRosterScope } from '../../roster/check-roster-scope.ts';
import { importBatchSize, importRoster, planRosterImport, type ImportRosterResult } from '../../roster/import-roster.ts';
import type { RosterRow } from '../../roster/parse-roster.ts';
import { firstErrors, readRosterOffThread } from '../../roster/read-roster-off-thread.ts';
import { consoleRosterLimits } from '../../roster/roster-limits.ts';
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

/** A confirmed import running in the background, in batches; its page shows how far it is. */
interface ImportJob {
  memberId: number;
  done: number;
  total: number;
  result?: ImportRosterResult;
  failed?: true;
}

const pendingLifetimeMs = 30 * 60_000;
/** A confirmed import of more rows than this runs as a job, with its progress on a page of its own. */
const rowsImportedAtOnce = importBatchSize;

/**
 * The Excel page: the exports, and the roster upload (.xlsx, or CSV in UTF-8 or GBK). An upload
 * is read and checked whole in a worker thread within consoleRosterLimits — the first bad rows
 * listed with their lines — and previewed as new / updated / unchanged members, by name, before the
 * confirm button writes it. One upload at a time per organisation: checking or importing.
 */
export function importRoutes(deps: ConsoleDeps) {
  const pending = new Map<string, PendingImport>();
  const jobs = new Map<string, ImportJob>();
  /** Organisations with an upload being checked or imported: a second waits (one process serves the console). */
  const busy = new Set<number>();
  const send = (reply: FastifyReply, user: ConsoleUser, title: string, body: SafeHtml, csrfToken = reply.generateCsrf(), head?: SafeHtml) =>
    reply.type('text/html').send(page({ title, user, csrfToken, current: '/excel', body, head }));
  const sendBusy = (reply: FastifyReply, user: ConsoleUser) =>
    send(reply.code(409), user, '请稍候', html`<p class="error">本组织有一份名册正在检查或导入，请等它完成后再试。</p><p><a href="/excel">返回</a></p>`);

  /** Runs `work` holding the organisation's upload slot; null (and nothing run) when another upload holds it. */
  async function exclusively<T>(user: ConsoleUser, work: () => Promise<T>): Promise<T | null> {
    if (busy.has(user.organizationId)) return null;
    busy.add(user.organizationId);
    try {
      return await work();
    } finally {
      busy.delete(user.organizationId);
    }
  }

  async function runImport(user: ConsoleUser, rows: RosterRow[], job: ImportJob): Promise<void> {
    const result = await importRoster(deps.db, rows, { now: deps.now(), onProgress: ({ done }) => (job.done = done) });
    await deps.outbox.enqueueDeliveries(await endPairingsOutOfReach(deps.db, { movedMemberIds: result.movedMemberIds, now: deps.now() }));
    job.result = result;
    deps.log.info({ memberId: user.memberId, created: result.created, updated: result.updated, unchanged: result.unchanged }, 'console roster imported');
  }

  return async (app: FastifyInstance): Promise<void> => {
    await app.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: consoleRosterLimits.maxBytes, files: 1, fields: 5 } });

    app.get('/excel', async (request, reply) => {
      const user = userOf(request);
      const csrf = reply.generateCsrf();
      const body = html`
<h2>导出（${user.scopePath} 及下级组织）</h2>
<ul>${exports.map((name) => html`<li><a href="/export/${name}.xlsx" download>${exportTitles[name]}</a></li>`)}</ul>
<h2>导入党员名册</h2>
<p>Excel（.xlsx）或 CSV（UTF-8 或 Excel 另存的 GBK 均可）。列：姓名、手机号、党组织（如 城北区/祁连路社区/流动党员支部）、角色（党员 / 书记），可选 现居地、工作。按手机号更新，重复导入不会重复登记；有一行出错则整份不导入。一次最多 ${consoleRosterLimits.maxRows} 行、${consoleRosterLimits.maxBytes / 1024 / 1024} MB；书记、管理员的角色和「管理员」不能在这里设置。新设的书记要用绑定码绑定后才能使用书记功能。</p>
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
      const checked = await exclusively(user, async () => {
        const parsed = await readRosterOffThread(file, consoleRosterLimits);
        if (parsed.errorCount > 0) return parsed;
        const scopeErrors = firstErrors(await checkRosterScope(deps.db, parsed.rows, { scopePath: user.scopePath }));
        if (scopeErrors.errorCount > 0) return { rows: [], ...scopeErrors };
        return { ...parsed, plan: await planRosterImport(deps.db, parsed.rows) };
      });
      if (!checked) return sendBusy(reply, user);
      if (!('plan' in checked)) {
        deps.log.info({ memberId: user.memberId, badRows: checked.errorCount }, 'console roster upload refused');
        const more = checked.errorCount - checked.errors.length;
        const body = html`<p class="error">有 ${checked.errorCount} 处错误，整份名册没有导入。请改正后重新上传：</p>
<table id="import-errors"><thead><tr><th>行</th><th>问题</th></tr></thead><tbody>${checked.errors.map((e) => html`<tr><td>第 ${e.line} 行</td><td>${e.reason}</td></tr>`)}</tbody></table>
${more > 0 ? html`<p id="more-errors">另有 ${more} 处错误没有列出。</p>` : ''}
<p><a href="/excel">返回</a></p>`;
        return send(reply.code(422), user, '名册有错误', body);
      }
      for (const [id, item] of pending) if (item.expiresAt < Date.now() || item.memberId === user.memberId) pending.delete(id);
      const importId = randomUUID();
      pending.set(importId, { memberId: user.memberId, rows: checked.rows, expiresAt: Date.now() + pendingLifetimeMs });
      const csrf = reply.generateCsrf();
      const { plan } = checked;
      const body = html`${summary(plan, '将')}
${names('将新增', 'added-names', plan.added, plan.created)}${names('将更新', 'changed-names', plan.changed, plan.updated)}
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
        if (busy.has(user.organizationId)) return sendBusy(reply, user);
        pending.delete(importId);
        const job: ImportJob = { memberId: user.memberId, done: 0, total: item.rows.length };
        const running = exclusively(user, async () => {
          // Checked again: the roster may have changed since the preview (another import, a move).
          if ((await checkRosterScope(deps.db, item.rows, { scopePath: user.scopePath })).length > 0) return false;
          await runImport(user, item.rows, job);
          return true;
        });
        if (item.rows.length <= rowsImportedAtOnce) {
          if (!(await running)) return send(reply.code(409), user, '名册已变化', html`<p class="error">名册在预览后有变化，请重新上传。</p>`);
          return send(reply, user, '导入完成', html`${summary(job.result!, '已')}<p><a href="/members">查看党员</a></p>`);
        }
        jobs.set(importId, job);
        running.then(
          (imported) => (imported ? undefined : (job.failed = true)),
          (error: unknown) => {
            job.failed = true;
            deps.log.error({ err: error, memberId: user.memberId }, 'console roster import failed');
          },
        );
        return reply.redirect(`/excel/import/jobs/${importId}`, 303);
      },
    );

    app.get('/excel/import/jobs/:id', async (request, reply) => {
      const user = userOf(request);
      const job = jobs.get((request.params as { id: string }).id);
      if (!job || job.memberId !== user.memberId) return reply.callNotFound();
      if (job.result) return send(reply, user, '导入完成', html`${summary(job.result, '已')}<p><a href="/members">查看党员</a></p>`);
      if (job.failed) {
        return send(reply, user, '导入没有完成', html`<p class="error">已导入 ${job.done} / ${job.total} 行后中断。重新上传同一份名册并确认导入即可完成：已导入的党员不会重复登记。</p><p><a href="/excel">返回</a></p>`);
      }
      const body = html`<p>正在导入：<progress id="import-progress" max="${job.total}" value="${job.done}"></progress> ${job.done} / ${job.total} 行</p><p class="muted">本页每 2 秒刷新；可以离开本页，导入会继续。</p>`;
      return send(reply, user, '正在导入', body, undefined, html`<meta http-equiv="refresh" content="2">`);
    });
  };
}

function summary(result: ImportRosterResult, verb: '将' | '已'): SafeHtml {
  return html`<table id="import-summary">
<tr><th>${verb}新增党员</th><td>${result.created}</td></tr>
<tr><th>${verb}更新党员</th><td>${result.updated}</td></tr>
<tr><th>不变</th><td>${result.unchanged}</td></tr>
<tr><th>${verb}新建党组织</th><td>${result.organizationsCreated}</td></tr></table>`;
}

/** The names a preview will add or change, the first of them; the count says how many in all. */
function names(title: string, id: string, shown: string[], total: number): SafeHtml | '' {
  if (total === 0) return '';
  return html`<h2>${title}（${total} 人）</h2><p id="${id}">${shown.join('、')}${total > shown.length ? ` 等 ${total} 人` : ''}</p>`;
}
