import type { FastifyInstance } from 'fastify';
import { getQuizStats } from '../../domain/study/get-quiz-stats.ts';
import { getStudyStats } from '../../domain/study/get-study-stats.ts';
import { parseQuiz } from '../../domain/study/parse-quiz.ts';
import { setQuizQuestions } from '../../domain/study/set-quiz-questions.ts';
import { streamBookHandouts } from '../../domain/study/stream-book-handouts.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { percent, rowIdSchema, when } from '../format.ts';
import { html } from '../html.ts';
import { page, plainPage } from '../layout.ts';
import { userOf } from '../session.ts';

async function firstBatch<T>(batches: AsyncGenerator<T[]>): Promise<T[]> {
  const first = await batches.next();
  await batches.return(undefined);
  return first.done ? [] : first.value;
}

/** 学习: pushed packs with their 已学 rates and quiz figures, who has not confirmed the latest, a pack's quiz (应知应会) to set, and 发书 records. */
export function studyPage(deps: ConsoleDeps) {
  const timeZone = deps.config.APP_TIME_ZONE;
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/study', async (request, reply) => {
      const user = userOf(request);
      const [stats, books] = await Promise.all([
        getStudyStats(deps.db, { organizationPath: user.scopePath, packLimit: 20, nameLimit: 1000 }),
        firstBatch(streamBookHandouts(deps.db, { organizationPath: user.scopePath, batchSize: 200 })),
      ]);
      const quizzes = await getQuizStats(deps.db, { organizationPath: user.scopePath, studyPackIds: stats.packs.map((p) => p.id) });
      const body = html`
<h2>学习包</h2>
<table id="packs"><thead><tr><th>编号</th><th>学习包</th><th>推送时间</th><th>应学</th><th>送达</th><th>已学</th><th>已学率（已学/送达）</th><th>应知应会已答</th><th>平均分</th><th>错得最多</th></tr></thead><tbody>
${stats.packs.map((p) => {
  const quiz = quizzes.get(p.id);
  return html`<tr><td>${p.id}</td><td>${p.title}</td><td>${when(p.pushedAt, timeZone)}</td><td>${p.recipients}</td><td>${p.delivered}</td><td>${p.confirmed}</td><td>${percent(p.confirmed, p.delivered)}</td><td>${quiz ? quiz.answered : '—'}</td><td>${quiz && quiz.answered > 0 ? `${Math.round(quiz.averageScore * 10) / 10}/${quiz.questions}` : '—'}</td><td>${quiz?.mostWrong ? `第 ${quiz.mostWrong.position} 题（${quiz.mostWrong.wrong} 人）：${quiz.mostWrong.text}` : '—'}</td></tr>`;
})}
</tbody></table>
<h2>应知应会题目</h2>
<form method="post" action="/study/quiz" id="quiz-form"><input type="hidden" name="_csrf" value="${reply.generateCsrf()}">
<label>学习包编号 <input name="pack" type="number" min="1" required></label>
<textarea name="quiz" rows="8" required maxlength="5000" placeholder="1. 题干&#10;A. 选项 B. 选项&#10;答案：B&#10;解析：一句话"></textarea>
<button type="submit">保存题目</button></form>
<p class="muted">最多 5 题；已学后发给党员，有人答题后不能再改。</p>
${stats.packs[0] ? html`<h2>最新学习包未确认（${stats.unconfirmed} 人，其中 ${stats.unconfirmedUnreached} 人未送达）</h2>
<p id="unconfirmed">${stats.unconfirmedNames.join('、') || '—'}${stats.unconfirmed > stats.unconfirmedNames.length ? ` 等 ${stats.unconfirmed} 人` : ''}</p>` : html`<p class="muted">还没有推送过学习包。</p>`}
<h2>发书记录</h2>
<table id="books"><thead><tr><th>时间</th><th>党员</th><th>党组织</th><th>书名</th></tr></thead><tbody>
${books.map((b) => html`<tr><td>${when(b.at, timeZone)}</td><td><a href="/members/${b.memberId}">${b.memberName}</a></td><td>${b.organizationPath}</td><td>《${b.title}》</td></tr>`)}
</tbody></table>`;
      return reply.type('text/html').send(page({ title: '学习', user, csrfToken: reply.generateCsrf(), current: '/study', body }));
    });

    app.post(
      '/study/quiz',
      { schema: { body: { type: 'object', required: ['pack', 'quiz'], properties: { pack: rowIdSchema, quiz: { type: 'string', maxLength: 5000 }, _csrf: { type: 'string' } } } } },
      async (request, reply) => {
        const user = userOf(request);
        const { pack, quiz } = request.body as { pack: number; quiz: string };
        const parsed = parseQuiz(quiz);
        const back = html`<p><a href="/study">返回学习</a></p>`;
        if (!parsed.ok) return reply.code(400).type('text/html').send(plainPage('题目有误', html`<p class="error">${parsed.reason}</p>${back}`));
        const saved = await setQuizQuestions(deps.db, { studyPackId: pack, questions: parsed.questions, scopePath: user.scopePath });
        if (saved === 'not-found') return reply.callNotFound();
        if (saved === 'already-answered') return reply.code(409).type('text/html').send(plainPage('不能修改', html`<p class="error">已有党员答过这个学习包的题目，不能再改。</p>${back}`));
        return reply.type('text/html').send(plainPage('已保存', html`<p id="saved">已为学习包 ${pack} 保存 ${parsed.questions.length} 道题。</p>${back}`));
      },
    );
  };
}
