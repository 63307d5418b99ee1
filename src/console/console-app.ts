import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { repoRoot } from '../db/migrate.ts';
import { consoleBaseUrl } from '../domain/console/console-address.ts';
import { accessLogHook } from './access-log-hook.ts';
import { authPlugin } from './auth-plugin.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { exportRoutes } from './excel/export-routes.ts';
import { importRoutes } from './excel/import-routes.ts';
import { callbackPath } from '../official-account/callback-route.ts';
import { html } from './html.ts';
import { plainPage } from './layout.ts';
import { accessLogPage } from './pages/access-log-page.ts';
import { activitiesPage } from './pages/activities-page.ts';
import { activityQrPage } from './pages/activity-qr-page.ts';
import { carePage } from './pages/care-page.ts';
import { employmentPage } from './pages/employment-page.ts';
import { hardshipPage } from './pages/hardship-page.ts';
import { membersPage } from './pages/members-page.ts';
import { noticePage } from './pages/notice-page.ts';
import { overviewPage } from './pages/overview-page.ts';
import { pollsPage } from './pages/polls-page.ts';
import { sendingPage } from './pages/sending-page.ts';
import { studyPage } from './pages/study-page.ts';
import { suggestionsPage } from './pages/suggestions-page.ts';
import { talentPage } from './pages/talent-page.ts';
import { visitsPage } from './pages/visits-page.ts';
import { volunteersPage } from './pages/volunteers-page.ts';
import { whereaboutsPage } from './pages/whereabouts-page.ts';
import { registerSessionCsrf } from './session-csrf.ts';
import { requireConsoleUser } from './session.ts';

/** The stylesheet and the chart script, found from the package root: a build (dist/) has no copy of them. */
const publicDir = path.join(repoRoot, 'src', 'console', 'public');
/** ECharts' prebuilt files, served from node_modules: the console must work without the internet. */
const echartsDist = path.join(path.dirname(createRequire(import.meta.url).resolve('echarts/package.json')), 'dist');

/**
 * The secretary console: one Fastify instance; the login, the pages, the exports and imports are
 * separate plugins. Every page needs a session; every POST needs the CSRF token of its form.
 */
export async function buildConsoleApp(deps: ConsoleDeps, extraRoutes?: (app: FastifyInstance) => Promise<void>): Promise<FastifyInstance> {
  // Fastify's own logger stays off: request logs would carry URLs with names typed into searches.
  const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
  const secure = consoleBaseUrl(deps.config)?.startsWith('https://') ?? false;
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await registerSessionCsrf(app, { secure });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/' });
  await app.register(fastifyStatic, { root: echartsDist, prefix: '/static/echarts/', decorateReply: false });

  // Pages carry members' personal data and one-time tokens: not framed by other sites, not cached,
  // and no Referer (the login page's address holds its token).
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-frame-options', 'DENY').header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  // Routes outside the console's forms and login (WeChat's callback), in their own scope.
  if (extraRoutes) await app.register(extraRoutes);
  app.addHook('preHandler', (request, reply, done) => {
    // WeChat's callback proves itself by its signature, not by a form's token.
    if (request.method === 'POST' && request.routeOptions.url !== callbackPath) app.csrfProtection(request, reply, done);
    else done();
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).type('text/html').send(plainPage('未找到', html`<p>没有这个页面，或者它不属于您的组织。</p><p><a href="/">返回概览</a></p>`)));
  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) deps.log.error({ err: error, route: request.routeOptions.url }, 'console request failed');
    const message = error.code?.startsWith('FST_CSRF') ? '页面已过期，请刷新后重试。' : status >= 500 ? '出了问题，请稍后再试。' : '请求无效。';
    return reply.code(status).type('text/html').send(plainPage('出错了', html`<p class="error">${message}</p><p><a href="/">返回概览</a></p>`));
  });

  await app.register(authPlugin(deps));
  await app.register(noticePage(deps));
  await app.register(async (pages) => {
    pages.addHook('preHandler', requireConsoleUser(deps));
    pages.addHook('onResponse', accessLogHook(deps));
    for (const plugin of [overviewPage, membersPage, activitiesPage, activityQrPage, studyPage, pollsPage, carePage, whereaboutsPage, visitsPage, hardshipPage, volunteersPage, employmentPage, talentPage, suggestionsPage, sendingPage, accessLogPage, exportRoutes, importRoutes]) {
      await pages.register(plugin(deps));
    }
  });
  return app;
}
