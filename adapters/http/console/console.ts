import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../../../src/core.ts';
import { isIpriskError } from '../../../src/errors.ts';
import type { Lang } from '../../../src/text/lang.ts';
import { HttpError, readBody } from '../respond.ts';
import {
  changeSummariesOf,
  markGroup,
  parseSources,
  previewReload,
  tryQuestion,
  warningDraftOf,
  writeAnswerCard,
} from './actions.ts';
import {
  type Caller,
  type ConsoleAuth,
  clientAddress,
  cookiesOf,
  LOGIN_CSRF_COOKIE,
  newSecret,
  SESSION_COOKIE,
  SESSION_SECONDS,
  setCookie,
} from './auth.ts';
import { type CopyKey, copyIn } from './copy.ts';
import { html } from './html.ts';
import { layout, sections } from './layout.ts';
import { feedbackPage } from './pages/feedback.ts';
import { knowledgePage } from './pages/knowledge.ts';
import { noticesPage } from './pages/notices.ts';
import { overviewPage } from './pages/overview.ts';
import type { PageContext, PageView } from './pages/page.ts';
import { signInBody } from './pages/sign-in.ts';
import { ticketPage, ticketsPage } from './pages/tickets.ts';
import { tryPage } from './pages/try.ts';
import { answerFormPage, unansweredPage } from './pages/unanswered.ts';

const LANG_COOKIE = 'iprisk_console_lang';
const stylesheet = readFileSync(new URL('./assets/console.css', import.meta.url), 'utf8');

/** Notices a redirect may ask for (`?done=`): only these, so a link cannot put words on the page. */
const doneNotices: Partial<Record<string, CopyKey>> = {
  marked: 'marked',
  noteSaved: 'noteSaved',
  reloaded: 'reloaded',
  warningSent: 'warningSent',
  rolledBack: 'rolledBack',
  signedOut: 'signedOut',
};

const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

function languageOf(req: IncomingMessage, url: URL): { lang: Lang; chosen: boolean } {
  const asked = url.searchParams.get('lang');
  if (asked === 'zh' || asked === 'en') return { lang: asked, chosen: true };
  const kept = cookiesOf(req).get(LANG_COOKIE);
  if (kept === 'zh' || kept === 'en') return { lang: kept, chosen: false };
  return { lang: /^zh/iu.test(req.headers['accept-language'] ?? '') ? 'zh' : 'en', chosen: false };
}

/**
 * The admin console at /admin: server-rendered pages, forms that work without JavaScript, every
 * POST checked against the session's CSRF token. Staff (STAFF_TOKEN) see tickets and unanswered
 * questions, read-only.
 */
export function createConsolePages(core: Core, auth: ConsoleAuth) {
  const { logger } = core;

  function send(res: ServerResponse, status: number, body: string, cookies: string[] = []): void {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      ...securityHeaders,
      ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}),
    });
    res.end(body);
  }

  function redirect(res: ServerResponse, location: string, cookies: string[] = []): void {
    res.writeHead(303, {
      location,
      ...securityHeaders,
      ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}),
    });
    res.end();
  }

  async function signInPage(
    req: IncomingMessage,
    res: ServerResponse,
    lang: Lang,
    status = 200,
    problem?: CopyKey,
    extra: string[] = [],
  ) {
    const t = copyIn(lang);
    const csrf = newSecret();
    const url = new URL(req.url ?? '/admin', 'http://console');
    const done = doneNotices[url.searchParams.get('done') ?? ''];
    const notice = problem
      ? { text: t(problem), kind: 'error' as const }
      : done
        ? { text: t(done), kind: 'ok' as const }
        : undefined;
    send(
      res,
      status,
      layout({
        lang,
        title: t('signInTitle'),
        body: signInBody(lang, csrf, auth.enabled()),
        here: '/admin',
        ...(notice ? { notice } : {}),
      }),
      [...extra, setCookie(req, LOGIN_CSRF_COOKIE, csrf, 3600)],
    );
  }

  async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
    return new URLSearchParams(await readBody(req));
  }

  return {
    /** Handles /admin and everything under it; false when the path is not the console's. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const url = new URL(req.url ?? '/', 'http://console');
      const path = url.pathname.replace(/\/+$/u, '') || '/';
      if (path !== '/admin' && !path.startsWith('/admin/')) return false;
      try {
        await route(req, res, url, path);
      } catch (error) {
        // The one boundary of the console: detail to the log, a short page to the admin.
        const { lang } = languageOf(req, url);
        const t = copyIn(lang);
        const unavailable = isIpriskError(error, 'STORE_UNAVAILABLE');
        if (unavailable) core.storeHealth.failed(error);
        else if (!(error instanceof HttpError)) logger.error({ err: error, path }, 'console request failed');
        const status = error instanceof HttpError ? error.status : unavailable ? 503 : 500;
        const text = error instanceof HttpError ? error.message : unavailable ? t('redisDown') : t('error');
        if (!res.headersSent)
          send(
            res,
            status,
            layout({
              lang,
              title: text,
              body: html`<p><a href="/admin">${t('navOverview')}</a></p>`,
              here: path,
            }),
          );
      }
      return true;
    },
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const { lang, chosen } = languageOf(req, url);
    const cookies = chosen ? [`${LANG_COOKIE}=${lang}; Path=/; SameSite=Strict; Max-Age=31536000`] : [];
    const t = copyIn(lang);

    if (method === 'GET' && path === '/admin/assets/console.css') {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' });
      res.end(stylesheet);
      return;
    }

    if (method === 'POST' && path === '/admin/login') {
      const form = await formOf(req);
      const expected = cookiesOf(req).get(LOGIN_CSRF_COOKIE);
      if (!expected || form.get('_csrf') !== expected) {
        await signInPage(req, res, lang, 403, 'csrfRefused', cookies);
        return;
      }
      const outcome = await auth.signIn(form.get('token') ?? '', clientAddress(req));
      if (!outcome.ok) {
        if (outcome.reason === 'limited')
          res.setHeader('retry-after', String(outcome.retryAfterSeconds ?? 60));
        await signInPage(
          req,
          res,
          lang,
          outcome.reason === 'limited' ? 429 : 401,
          outcome.reason === 'limited' ? 'signInLimited' : 'signInWrong',
          cookies,
        );
        return;
      }
      redirect(res, '/admin', [
        ...cookies,
        setCookie(req, SESSION_COOKIE, outcome.sessionId, SESSION_SECONDS),
        setCookie(req, LOGIN_CSRF_COOKIE, '', 0),
      ]);
      return;
    }

    const caller = await auth.caller(req);
    if (caller?.via !== 'cookie') {
      if (method === 'GET' && path === '/admin') await signInPage(req, res, lang, 200, undefined, cookies);
      else if (method === 'GET') redirect(res, '/admin', cookies);
      else await signInPage(req, res, lang, 401, undefined, cookies);
      return;
    }

    if (method === 'POST') {
      const form = await formOf(req);
      if (form.get('_csrf') !== caller.session?.csrf) {
        logger.warn({ path }, 'console POST refused: missing or wrong CSRF token');
        send(
          res,
          403,
          layout({
            lang,
            title: t('csrfRefused'),
            body: html`<p><a href="/admin">${t('navOverview')}</a></p>`,
            caller,
            here: path,
          }),
          cookies,
        );
        return;
      }
      if (path === '/admin/logout') {
        if (caller.sessionId) await auth.signOut(caller.sessionId);
        redirect(res, '/admin?done=signedOut', [...cookies, setCookie(req, SESSION_COOKIE, '', 0)]);
        return;
      }
      if (caller.role !== 'admin') {
        send(res, 403, layout({ lang, title: t('forbidden'), body: html``, caller, here: path }), cookies);
        return;
      }
      const ctx = context(caller, lang, url, form);
      const view = await act(ctx, path, form, res);
      if (view) send(res, view.status ?? 200, frame(ctx, view, path), cookies);
      return;
    }

    const ctx = context(caller, lang, url);
    const view = await show(ctx, path);
    if (!view) {
      send(
        res,
        404,
        layout({
          lang,
          title: t('notFound'),
          body: html`<p><a href="/admin">${t('navOverview')}</a></p>`,
          caller,
          here: path,
        }),
        cookies,
      );
      return;
    }
    if (view === 'forbidden') {
      send(res, 403, layout({ lang, title: t('forbidden'), body: html``, caller, here: path }), cookies);
      return;
    }
    const done = doneNotices[url.searchParams.get('done') ?? ''];
    const detail = url.searchParams.get('detail') ?? '';
    const withNotice =
      done && !view.notice
        ? { ...view, notice: { text: `${t(done)} ${detail}`.trim(), kind: 'ok' as const } }
        : view;
    send(res, 200, frame(ctx, withNotice, `${path}${url.search.replace(/[?&]lang=\w+/u, '')}`), cookies);
  }

  function context(caller: Caller, lang: Lang, url: URL, form?: URLSearchParams): PageContext {
    return { core, lang, t: copyIn(lang), caller, url, now: new Date(), ...(form ? { form } : {}) };
  }

  function frame(ctx: PageContext, view: PageView, here: string): string {
    return layout({
      lang: ctx.lang,
      title: view.title,
      body: view.body,
      caller: ctx.caller,
      active: view.active,
      here: here.replace(/[?&]done=\w+(&detail=[^&]*)?/u, ''),
      ...(view.notice ? { notice: view.notice } : {}),
    });
  }

  async function show(ctx: PageContext, path: string): Promise<PageView | 'forbidden' | undefined> {
    const section = sections.find(
      (s) => s.path === path || (s.path !== '/admin' && path.startsWith(`${s.path}/`)),
    );
    if (section && !section.staff && ctx.caller.role !== 'admin') return 'forbidden';
    if (path === '/admin') return overviewPage(ctx);
    if (path === '/admin/knowledge') return knowledgePage(ctx);
    if (path === '/admin/unanswered') return unansweredPage(ctx);
    if (path === '/admin/feedback') return feedbackPage(ctx);
    if (path === '/admin/try') return tryPage(ctx);
    if (path === '/admin/tickets') return ticketsPage(ctx);
    if (path === '/admin/notices') return noticesPage(ctx);
    const answerForm = /^\/admin\/unanswered\/([\w-]+)\/answer$/u.exec(path);
    if (answerForm?.[1])
      return ctx.caller.role === 'admin' ? answerFormPage(ctx, answerForm[1]) : 'forbidden';
    const ticket = /^\/admin\/tickets\/(IPR-\d{4}-\d{6})$/u.exec(path);
    if (ticket?.[1]) return ticketPage(ctx, ticket[1]);
    return undefined;
  }

  /** A POST: either redirects (and returns nothing) or returns the page to draw with its outcome. */
  async function act(
    ctx: PageContext,
    path: string,
    form: URLSearchParams,
    res: ServerResponse,
  ): Promise<(PageView & { status?: number }) | undefined> {
    const { t } = ctx;
    const failed = async (error: unknown, draw: () => Promise<PageView | undefined>) => {
      if (!isIpriskError(error) || error.code === 'STORE_UNAVAILABLE') throw error;
      const view = await draw();
      const text = [error.message, error.hint].filter(Boolean).join(' ');
      return view
        ? {
            ...view,
            notice: { text, kind: 'error' as const },
            status: error.code === 'NOT_FOUND' ? 404 : 400,
          }
        : { title: t('notFound'), active: 'overview' as const, body: html`<p>${text}</p>`, status: 404 };
    };
    try {
      if (path === '/admin/knowledge/preview') return await knowledgePage(ctx, await previewReload(core));
      if (path === '/admin/knowledge/reload') {
        const report = await core.service.reload(
          { userId: 'console:admin', isAdmin: true },
          { summaries: changeSummariesOf(form) },
        );
        const queued = report.notices?.queued ?? 0;
        redirect(
          res,
          `/admin/knowledge?done=reloaded&detail=${encodeURIComponent(`${report.version} · ${queued} ${t('noticesQueued')}`)}`,
        );
        return undefined;
      }
      if (path === '/admin/notices/preview')
        return await noticesPage(ctx, await core.notices.previewWarning(warningDraftOf(form)));
      if (path === '/admin/notices/send') {
        const { queued } = await core.notices.sendWarning(warningDraftOf(form));
        redirect(res, `/admin/notices?done=warningSent&detail=${queued}`);
        return undefined;
      }
      if (path === '/admin/knowledge/rollback') {
        const report = await core.reloader.rollback();
        redirect(res, `/admin/knowledge?done=rolledBack&detail=${encodeURIComponent(report.version)}`);
        return undefined;
      }
      if (path === '/admin/knowledge/eval') {
        await core.smokeCheck?.(core.index.get()).catch((error: unknown) => {
          if (!isIpriskError(error, 'KNOWLEDGE_INVALID')) throw error;
        });
        redirect(res, '/admin/knowledge#eval-h');
        return undefined;
      }
      if (path === '/admin/try') {
        const langField = form.get('lang');
        const result = await tryQuestion(core, {
          question: form.get('question') ?? '',
          lang: langField === 'zh' || langField === 'en' ? langField : undefined,
          session: form.get('session') ?? undefined,
          owner: (ctx.caller.sessionId ?? 'console').slice(0, 12),
        });
        return await tryPage(ctx, result);
      }
    } catch (error) {
      return failed(error, () =>
        path === '/admin/try'
          ? tryPage(ctx)
          : path.startsWith('/admin/notices/')
            ? noticesPage(ctx)
            : knowledgePage(ctx),
      );
    }
    const answer = /^\/admin\/unanswered\/([\w-]+)\/answer$/u.exec(path);
    if (answer?.[1]) {
      const groupId = answer[1];
      try {
        const saved = await writeAnswerCard(core, groupId, {
          lang: form.get('lang') ?? '',
          question: form.get('question') ?? '',
          answer: form.get('answer') ?? '',
          title: form.get('title') ?? '',
          markets: (form.get('markets') ?? '').split(/[\s,，、]+/u),
          ipTypes: form.getAll('ip_types'),
          sources: parseSources(form.get('sources') ?? ''),
        });
        redirect(res, `/admin/knowledge?done=noteSaved&detail=${encodeURIComponent(saved.path)}`);
        return undefined;
      } catch (error) {
        return failed(error, () => answerFormPage(ctx, groupId));
      }
    }
    const mark = /^\/admin\/unanswered\/([\w-]+)$/u.exec(path);
    if (mark?.[1]) {
      try {
        await markGroup(core, mark[1], form.get('status') ?? '', form.get('document') ?? undefined);
        redirect(res, '/admin/unanswered?done=marked');
        return undefined;
      } catch (error) {
        return failed(error, () => unansweredPage(ctx));
      }
    }
    throw new HttpError(404, 'NOT_FOUND', `No console action ${path}`);
  }
}
