import type { Lang } from '../../../src/text/lang.ts';
import type { Caller } from './auth.ts';
import { type CopyKey, copyIn } from './copy.ts';
import { type Html, html } from './html.ts';

export type Section = 'overview' | 'knowledge' | 'unanswered' | 'feedback' | 'try' | 'tickets' | 'notices';

/** Where each page lives and who may open it. */
export const sections: Array<{ id: Section; path: string; label: CopyKey; staff: boolean }> = [
  { id: 'overview', path: '/admin', label: 'navOverview', staff: false },
  { id: 'knowledge', path: '/admin/knowledge', label: 'navKnowledge', staff: false },
  { id: 'unanswered', path: '/admin/unanswered', label: 'navUnanswered', staff: true },
  { id: 'feedback', path: '/admin/feedback', label: 'navFeedback', staff: false },
  { id: 'try', path: '/admin/try', label: 'navTry', staff: false },
  { id: 'tickets', path: '/admin/tickets', label: 'navTickets', staff: true },
  { id: 'notices', path: '/admin/notices', label: 'navNotices', staff: false },
];

export interface PageFrame {
  lang: Lang;
  title: string;
  body: Html;
  caller?: Caller;
  active?: Section;
  /** A line confirming what was just done, or saying why it was not. */
  notice?: { text: string; kind: 'ok' | 'error' };
  /** The current path, so the language switch comes back to it. */
  here: string;
}

/** One choice of a filter's select, chosen when it is the current value. */
export const option = (value: string, current: string, label = value) =>
  html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;

/** A hidden field every console form carries. */
export const csrfField = (caller: Caller | undefined) =>
  caller?.session ? html`<input type="hidden" name="_csrf" value="${caller.session.csrf}">` : html``;

export function layout(frame: PageFrame): string {
  const t = copyIn(frame.lang);
  const other: Lang = frame.lang === 'zh' ? 'en' : 'zh';
  const switchTo = `${frame.here}${frame.here.includes('?') ? '&' : '?'}lang=${other}`;
  const nav = frame.caller
    ? html`<nav aria-label="${t('product')}"><ul>${sections
        .filter((s) => frame.caller?.role === 'admin' || s.staff)
        .map(
          (s) =>
            html`<li><a href="${s.path}"${s.id === frame.active ? html` aria-current="page"` : ''}>${t(s.label)}</a></li>`,
        )}</ul></nav>`
    : html``;
  const account = frame.caller
    ? html`<form method="post" action="/admin/logout" class="inline">${csrfField(frame.caller)}<span class="role">${t(frame.caller.role === 'admin' ? 'roleAdmin' : 'roleStaff')}</span> <button type="submit" class="link">${t('signOut')}</button></form>`
    : html``;
  const notice = frame.notice
    ? html`<p class="notice ${frame.notice.kind}" role="${frame.notice.kind === 'error' ? 'alert' : 'status'}">${frame.notice.text}</p>`
    : html``;
  return `<!doctype html>${html`<html lang="${frame.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · ${t('product')}</title>
<link rel="stylesheet" href="/admin/assets/console.css">
</head>
<body>
<a class="skip" href="#main">${t('skip')}</a>
<header>
<p class="brand"><a href="/admin">${t('product')}</a></p>
${nav}
<div class="account"><a href="${switchTo}" lang="${other === 'zh' ? 'zh-CN' : 'en'}">${t('otherLanguage')}</a> ${account}</div>
</header>
<main id="main" tabindex="-1">
<h1>${frame.title}</h1>
${notice}
${frame.body}
</main>
</body>
</html>`}`;
}
