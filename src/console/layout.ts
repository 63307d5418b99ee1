import type { ConsoleUser } from '../domain/console/console-user.ts';
import { html, type SafeHtml } from './html.ts';

const sections = [
  ['/', '概览'],
  ['/members', '党员'],
  ['/activities', '活动与通知'],
  ['/study', '学习'],
  ['/polls', '投票'],
  ['/care', '关心关爱'],
  ['/whereabouts', '去向'],
  ['/visits', '结对与走访'],
  ['/hardship', '困难帮扶'],
  ['/volunteers', '志愿服务'],
  ['/employment', '返乡就业'],
  ['/talent', '人才库'],
  ['/suggestions', '建议'],
  ['/sending', '发送'],
  ['/excel', 'Excel 导入导出'],
  ['/access-log', '操作日志'],
] as const;

/** Only admins see who read what. */
const adminOnly = new Set<string>(['/access-log']);

/**
 * Every console page: the navigation, who is signed in (and for which organisation), the logout button.
 * On a phone the navigation folds behind 菜单 (a checkbox, so it works without script).
 */
export function page(options: { title: string; user: ConsoleUser; csrfToken: string; current: string; body: SafeHtml; head?: SafeHtml }): string {
  const { title, user, csrfToken, current, body } = options;
  return shell(
    title,
    html`<header>
  <strong>流动党员管理后台</strong>
  <input type="checkbox" id="menu" class="menu-toggle"><label for="menu" class="menu-button">菜单</label>
  <nav>${sections.filter(([href]) => user.role === 'ADMIN' || !adminOnly.has(href)).map(([href, label]) => html`<a href="${href}"${current === href ? html` aria-current="page"` : ''}>${label}</a>`)}</nav>
  <span class="who">${user.name}（${user.role === 'ADMIN' ? '管理员' : '书记'}） · ${user.scopePath}</span>
  <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${csrfToken}"><button type="submit">退出</button></form>
</header>
<main><h1>${title}</h1>${body}</main>`,
    options.head,
  );
}

/** A page without the navigation (login, errors). */
export function plainPage(title: string, body: SafeHtml): string {
  return shell(title, html`<main class="narrow"><h1>${title}</h1>${body}</main>`);
}

function shell(title: string, content: SafeHtml, head?: SafeHtml): string {
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 流动党员管理后台</title><link rel="stylesheet" href="/static/console.css">
<script src="/static/table-labels.js" defer></script>${head}</head>
<body>${content}</body></html>`.value;
}
