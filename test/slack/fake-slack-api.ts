import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the adapter made: a Web API method (`chat.postMessage`) or a response_url path. */
export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  response?: Record<string, unknown>;
}

/** A canned reply for the next call(s) to a method, e.g. a 429 or `{ ok: false, error }`. */
export interface CannedReply {
  status?: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

export interface FakeSlackApi {
  /** Base URL to use as SLACK_API_URL (with the trailing slash Slack's client expects). */
  apiUrl: string;
  /** A response_url on this server; calls to it are recorded as `response:<id>`. */
  responseUrl(id: string): string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Answers the next call to `method` with `reply` instead of the default. */
  replyOnce(method: string, reply: CannedReply): void;
  /** Polls the recorded calls until `pick` returns something (default timeout 5 s). */
  waitFor<T>(pick: (calls: RecordedCall[]) => T | undefined, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/** Form fields that carry JSON (blocks, view, …) are decoded so tests can look inside them. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (value.startsWith('[') || value.startsWith('{')) {
      try {
        body[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all; keep the string
      }
    }
    body[key] = value;
  }
  return body;
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A local HTTP server that answers Slack Web API calls and response_url posts like Slack does. */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const canned = new Map<string, CannedReply[]>();
  let ts = 1_700_000_000;

  const defaults = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    if (method === 'auth.test')
      return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test', url: 'https://t1/' };
    // Like Slack: the DM with a user is one channel, the same every time it is opened.
    if (method === 'conversations.open') return { ok: true, channel: { id: `D${String(body.users)}` } };
    if (method === 'views.open' || method === 'views.update') {
      ts += 1;
      return { ok: true, view: { id: String(body.view_id ?? `V${ts}`) } };
    }
    if (['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(method)) {
      ts += 1;
      const channel = typeof body.channel === 'string' ? { channel: body.channel } : {};
      return { ok: true, ts: String(body.ts ?? `${ts}.000100`), message_ts: `${ts}.000100`, ...channel };
    }
    return { ok: true };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = path.startsWith('/api/')
      ? path.slice('/api/'.length)
      : `response:${path.replace(/^\/response\//u, '')}`;
    const body = parseBody(await read(req), req.headers['content-type']);
    const call: RecordedCall = { method, body, at: Date.now() };
    calls.push(call);
    const reply = canned.get(method)?.shift() ?? { body: defaults(method, body) };
    call.response = reply.body;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    replyOnce(method, reply) {
      canned.set(method, [...(canned.get(method) ?? []), reply]);
    },
    async waitFor(pick, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = pick(calls);
        if (found !== undefined && found !== false) return found;
        if (Date.now() > deadline)
          throw new Error(
            `fake Slack API: condition not met within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
