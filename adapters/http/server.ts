import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Core } from '../../src/core.ts';
import { isIpriskError } from '../../src/errors.ts';

const MAX_BODY = 64 * 1024;
const RETRY_AFTER_SECONDS = 5;

/** The path without its query string, which may carry a token: what logs may show. */
function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

const askBody = z.object({
  question: z.string().min(1, 'question must not be empty').max(10_000),
  sessionId: z
    .string()
    .regex(/^[\w:.-]{1,128}$/u, 'sessionId: letters, digits and : . _ - only')
    .optional(),
});

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'BODY_TOO_LARGE', `Request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function bearerMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function parseJson(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(req));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'BAD_REQUEST', 'Body must be JSON');
  }
}

/**
 * The service's HTTP server: health, metrics, the ask API and admin reload, plus the mount
 * points where chat adapters attach their webhooks (/telegram/webhook, /slack/events).
 */
export function createHttpServer(core: Core) {
  const { service, logger, config } = core;
  const mounted = new Map<string, RequestListener>();

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
    'POST /v1/admin/reload': async (req, res) => {
      requireAdmin(req);
      sendJson(res, 200, await service.reload({ userId: 'http:admin', isAdmin: true }));
    },
    'GET /v1/tickets/:id': async (req, res) => {
      requireAdmin(req);
      const id = (req as IncomingMessage & { ticketId?: string }).ticketId ?? '';
      const ticket = await core.triage.get(id);
      if (!ticket) throw new HttpError(404, 'NOT_FOUND', `No ticket ${id}`);
      sendJson(res, 200, ticket);
    },
    'GET /v1/tickets': async (req, res) => {
      requireAdmin(req);
      const all = new URL(req.url ?? '/', 'http://x').searchParams.get('status') === 'all';
      sendJson(res, 200, { tickets: all ? await core.triage.all() : await core.triage.queue() });
    },
  };

  function requireAdmin(req: IncomingMessage): void {
    if (!bearerMatches(req.headers.authorization, config.ADMIN_TOKEN)) {
      logger.warn({ path: pathOf(req) }, 'admin request refused: bad or missing bearer token');
      throw new HttpError(401, 'UNAUTHORIZED', 'Send Authorization: Bearer <ADMIN_TOKEN>');
    }
  }

  const listener: RequestListener = (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const ticketPath = /^\/v1\/tickets\/(IPR-\d{4}-\d{6})$/u.exec(path);
    const key = ticketPath ? `${req.method ?? 'GET'} /v1/tickets/:id` : `${req.method ?? 'GET'} ${path}`;
    if (ticketPath) (req as IncomingMessage & { ticketId?: string }).ticketId = ticketPath[1];
    const mount = mounted.get(path);
    if (mount) {
      mount(req, res);
      return;
    }
    const route = routes[key];
    if (!route) {
      sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `No route ${key}` } });
      return;
    }
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
      logger.error({ err: error, route: `${req.method ?? 'GET'} ${path}` }, 'http request failed');
      const status = isIpriskError(error, 'FORBIDDEN') ? 403 : 500;
      if (!res.headersSent)
        sendJson(res, status, {
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
