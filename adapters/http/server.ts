import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Core } from '../../src/core.ts';
import { type ErrorCode, isIpriskError } from '../../src/errors.ts';
import { createConsoleApi } from './console/api.ts';
import { type ConsoleSession, createConsoleAuth } from './console/auth.ts';
import { createConsolePages } from './console/console.ts';
import { HttpError, parseJson, pathOf, sendJson } from './respond.ts';

const RETRY_AFTER_SECONDS = 5;

/** Coded errors a caller can fix, and the status that says so. */
const errorStatus: Partial<Record<ErrorCode, number>> = {
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  KNOWLEDGE_INVALID: 422,
};

const askBody = z.object({
  question: z.string().min(1, 'question must not be empty').max(10_000),
  sessionId: z
    .string()
    .regex(/^[\w:.-]{1,128}$/u, 'sessionId: letters, digits and : . _ - only')
    .optional(),
});

/**
 * The service's HTTP server: health, metrics, the ask API and admin reload, plus the mount
 * points where chat adapters attach their webhooks (/telegram/webhook, /slack/events).
 */
export function createHttpServer(core: Core) {
  const { service, logger, config } = core;
  const mounted = new Map<string, RequestListener>();
  const auth = createConsoleAuth({
    sessions: core.store<ConsoleSession>('console', 'strict'),
    adminToken: config.ADMIN_TOKEN,
    staffToken: config.STAFF_TOKEN,
    logger,
  });
  const consolePages = createConsolePages(core, auth);
  const consoleApi = createConsoleApi(core, auth);

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    'GET /healthz': async (_req, res) => sendJson(res, 200, { ok: true }),
    'GET /readyz': async (_req, res) => {
      // Questions are still answered while Redis is away (without history), but nothing can be
      // saved: not ready, and the body says which part is missing.
      const redis = !core.redis ? 'none' : core.redis.isReady && !core.storeHealth.down() ? 'up' : 'down';
      const ready = redis !== 'down';
      sendJson(res, ready ? 200 : 503, {
        ready,
        redis,
        ...(ready ? {} : { degraded: 'answering without history; tickets and feedback cannot be saved' }),
        indexVersion: service.indexVersion(),
      });
    },
    'GET /metrics': async (_req, res) => {
      const index = service.indexStats();
      const redisUp = core.redis ? (core.redis.isReady && !core.storeHealth.down() ? 1 : 0) : 1;
      const body = core.metrics.render({
        iprisk_index_chunks: index.chunks,
        iprisk_index_documents: index.documents,
        iprisk_documents_past_review: index.review.pastReviewBy,
        iprisk_documents_older_than_a_year: index.review.olderThanAYear,
        iprisk_store_up: redisUp,
      });
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(body);
    },
    'POST /v1/ask': async (req, res) => {
      const parsed = askBody.safeParse(await parseJson(req));
      if (!parsed.success)
        throw new HttpError(400, 'BAD_REQUEST', parsed.error.issues.map((i) => i.message).join('; '));
      const id = parsed.data.sessionId ?? `once-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const result = await service.answer({
        platform: 'http',
        conversationId: `http:${id}`,
        // The rate limit's "user": the session when there is one, else the caller's address.
        userId: parsed.data.sessionId ?? `ip:${req.socket.remoteAddress ?? 'unknown'}`,
        text: parsed.data.question,
      });
      if (!parsed.data.sessionId) await service.reset(`http:${id}`);
      if (result.rateLimited) res.setHeader('retry-after', String(result.rateLimited.retryAfterSeconds));
      sendJson(res, result.rateLimited ? 429 : 200, result);
    },
  };

  const listener: RequestListener = (req, res) => {
    const path = pathOf(req);
    const key = `${req.method ?? 'GET'} ${path}`;
    const mount = mounted.get(path);
    if (mount) {
      mount(req, res);
      return;
    }
    const route: (req: IncomingMessage, res: ServerResponse) => Promise<void> =
      routes[key] ??
      (async () => {
        if ((await consolePages.handle(req, res)) || (await consoleApi.handle(req, res))) return;
        sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `No route ${key}` } });
      });
    route(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        // The rest of an oversized body is never read: close rather than keep the connection alive.
        if (error.status === 413) res.setHeader('connection', 'close');
        sendJson(res, error.status, { error: { code: error.code, message: error.message } });
        return;
      }
      if (isIpriskError(error, 'STORE_UNAVAILABLE')) {
        // Nothing was saved; the client may try again shortly. Logged once per outage elsewhere.
        core.storeHealth.failed(error);
        res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
        sendJson(res, 503, {
          error: {
            code: 'STORE_UNAVAILABLE',
            message: 'Not saved: the store is unavailable. Try again in a few seconds.',
          },
        });
        return;
      }
      const known = isIpriskError(error) ? errorStatus[error.code] : undefined;
      if (isIpriskError(error) && known) {
        // A coded error the caller can act on: its message and how to fix it.
        if (!res.headersSent)
          sendJson(res, known, {
            error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) },
          });
        return;
      }
      logger.error({ err: error, route: `${req.method ?? 'GET'} ${path}` }, 'http request failed');
      if (!res.headersSent)
        sendJson(res, 500, {
          error: { code: 'INTERNAL', message: 'Something went wrong; see the service log.' },
        });
    });
  };

  const server = createServer(listener);
  return {
    server,
    /** Attaches a handler for every method at an exact path (a webhook). */
    mount(path: string, handler: RequestListener) {
      mounted.set(path, handler);
    },
    async listen(port: number, host = config.HOST ?? '0.0.0.0'): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      return (server.address() as AddressInfo).port;
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type HttpServer = ReturnType<typeof createHttpServer>;
