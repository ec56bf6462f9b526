import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { catalogOf } from '../../../src/admin/knowledge-catalog.ts';
import type { Core } from '../../../src/core.ts';
import { HttpError, parseJson, parseJsonText, pathOf, readBody, sendJson } from '../respond.ts';
import { markGroup, tryQuestion, warningDraftOf } from './actions.ts';
import type { Caller, ConsoleAuth } from './auth.ts';
import { filteredTickets } from './pages/tickets.ts';

const tryBody = z.object({
  question: z.string().min(1, 'question must not be empty').max(4096),
  lang: z.enum(['zh', 'en']).optional(),
  sessionId: z
    .string()
    .regex(/^[\w:.-]{1,64}$/u, 'sessionId: letters, digits and : . _ - only')
    .optional(),
});

const reloadBody = z.object({
  /** false: reload without notices to followers. */
  notify: z.boolean().optional(),
  /** Per document id: the notice summary to send instead of the document's change note, or no notice. */
  summaries: z
    .record(
      z.string(),
      z.object({
        en: z.string().max(280).optional(),
        zh: z.string().max(280).optional(),
        noNotice: z.boolean().optional(),
      }),
    )
    .optional(),
});

const warningBody = z.object({
  markets: z.union([z.string(), z.array(z.string())]).optional(),
  segments: z.array(z.string()).optional(),
  ipTypes: z.array(z.string()).optional(),
  en: z.string(),
  zh: z.string(),
  /** true: only count the followers it reaches and show the notice; nothing is sent. */
  preview: z.boolean().optional(),
});

const markBody = z.object({
  status: z.enum(['open', 'covered', 'wont-cover']),
  document: z.string().max(120).optional(),
});

function parsed<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new HttpError(400, 'BAD_REQUEST', result.error.issues.map((i) => i.message).join('; '));
  return result.data;
}

type Route = (req: IncomingMessage, res: ServerResponse, caller: Caller, param: string) => Promise<void>;

/**
 * The console's JSON API: bearer ADMIN_TOKEN (or STAFF_TOKEN, read-only) or the console cookie,
 * which must then send its CSRF token in `x-csrf-token` on every POST.
 */
export function createConsoleApi(core: Core, auth: ConsoleAuth) {
  const { service, logger } = core;

  const routes: Array<{ method: string; pattern: RegExp; staff: boolean; run: Route }> = [
    {
      method: 'GET',
      pattern: /^\/v1\/admin\/knowledge$/u,
      staff: false,
      run: async (_req, res) => {
        const index = core.index.get();
        const catalog = catalogOf(index, new Date());
        sendJson(res, 200, {
          version: index.manifest.version,
          builtAt: index.manifest.builtAt,
          ...catalog,
          rejected: core.reloader.lastReport()?.rejected ?? [],
          eval: core.smokeCheck?.resultFor(index.manifest.version) ?? null,
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/admin\/unanswered$/u,
      staff: true,
      run: async (_req, res) => {
        const groups = await service.unansweredGroups();
        sendJson(res, 200, {
          items: groups.map((g) => ({
            id: g.id,
            question: g.question,
            lang: g.lang,
            count: g.count,
            lastAt: g.lastAt,
            status: g.status,
            ...(g.mark?.document ? { document: g.mark.document } : {}),
            abstained: g.abstained,
            down: g.down,
            firstAt: g.firstAt,
            platforms: g.platforms,
            wordings: g.wordings,
            answers: g.answers,
          })),
        });
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/admin\/unanswered\/([\w-]+)$/u,
      staff: false,
      run: async (req, res, _caller, id) => {
        const body = parsed(markBody, await parseJson(req));
        sendJson(res, 200, await markGroup(core, id, body.status, body.document));
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/admin\/feedback$/u,
      staff: false,
      run: async (req, res) => {
        const limit = Math.min(
          1000,
          Number(new URL(req.url ?? '/', 'http://x').searchParams.get('limit') ?? 100) || 100,
        );
        const [items, counts] = await Promise.all([
          service.recentFeedback(limit),
          service.stats().then((s) => s.feedback),
        ]);
        // Voters are people: their platform ids stay out of the API.
        sendJson(res, 200, { counts, items: items.map(({ userId: _userId, ...rest }) => rest) });
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/admin\/try$/u,
      staff: false,
      run: async (req, res, caller) => {
        const body = parsed(tryBody, await parseJson(req));
        sendJson(
          res,
          200,
          await tryQuestion(core, {
            question: body.question,
            lang: body.lang,
            session: body.sessionId,
            owner: caller.via === 'bearer' ? 'api' : (caller.sessionId ?? 'console').slice(0, 12),
          }),
        );
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/admin\/reload$/u,
      staff: false,
      run: async (req, res) => {
        const preview = new URL(req.url ?? '/', 'http://x').searchParams.get('preview');
        if (preview === '1' || preview === 'true') {
          sendJson(res, 200, await core.reloader.preview());
          return;
        }
        const raw = await readBody(req);
        const body = parsed(reloadBody, raw.trim() ? parseJsonText(raw) : {});
        sendJson(
          res,
          200,
          await service.reload(
            { userId: 'http:admin', isAdmin: true },
            {
              ...(body.notify !== undefined ? { notify: body.notify } : {}),
              ...(body.summaries ? { summaries: body.summaries } : {}),
            },
          ),
        );
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/admin\/warnings$/u,
      staff: false,
      run: async (req, res) => {
        const body = parsed(warningBody, await parseJson(req));
        const draft = warningDraftOf(body);
        if (body.preview) {
          const { notice, reach } = await core.notices.previewWarning(draft);
          sendJson(res, 200, { notice, reach, sent: false });
          return;
        }
        const { notice, queued } = await core.notices.sendWarning(draft);
        sendJson(res, 200, { notice, reach: queued, sent: true });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/admin\/notices$/u,
      staff: false,
      run: async (req, res) => {
        const kind = new URL(req.url ?? '/', 'http://x').searchParams.get('kind');
        const items = await core.notices.recent(kind === 'change' || kind === 'warning' ? kind : undefined);
        sendJson(res, 200, { items: items.map(({ notice, counts }) => ({ ...notice, counts })) });
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/admin\/rollback$/u,
      staff: false,
      run: async (_req, res) => sendJson(res, 200, await core.reloader.rollback()),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/tickets$/u,
      staff: true,
      run: async (req, res) => {
        const query = new URL(req.url ?? '/', 'http://x').searchParams;
        sendJson(res, 200, { tickets: await filteredTickets({ core }, query) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/tickets\/(IPR-\d{4}-\d{6})$/u,
      staff: true,
      run: async (_req, res, _caller, id) => {
        const ticket = await core.triage.get(id);
        if (!ticket) throw new HttpError(404, 'NOT_FOUND', `No ticket ${id}`);
        sendJson(res, 200, ticket);
      },
    },
  ];

  return {
    /** Answers the request when it is one of the API's; false otherwise (another route's, or 404). */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const path = pathOf(req);
      const method = req.method ?? 'GET';
      let param = '';
      const route = routes.find((r) => {
        const match = r.method === method ? r.pattern.exec(path) : null;
        if (match) param = match[1] ?? '';
        return Boolean(match);
      });
      if (!route) return false;
      const caller = await auth.caller(req);
      if (!caller) {
        logger.warn({ path }, 'admin request refused: bad or missing bearer token or console session');
        throw new HttpError(
          401,
          'UNAUTHORIZED',
          'Send Authorization: Bearer <ADMIN_TOKEN>, or sign in at /admin',
        );
      }
      if (!route.staff && caller.role !== 'admin')
        throw new HttpError(403, 'FORBIDDEN', 'STAFF_TOKEN is read-only; this needs ADMIN_TOKEN');
      if (
        method === 'POST' &&
        caller.via === 'cookie' &&
        req.headers['x-csrf-token'] !== caller.session?.csrf
      ) {
        logger.warn({ path }, 'admin API POST refused: missing or wrong x-csrf-token');
        throw new HttpError(403, 'CSRF', 'Send the console CSRF token in x-csrf-token');
      }
      await route.run(req, res, caller, param);
      return true;
    },
  };
}
