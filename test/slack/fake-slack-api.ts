import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the adapter made: a Web API method (`chat.postMessage`) or a response_url path. */
export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  response?: Record<string, unknown>;
  /** The Authorization header, if any: file downloads must carry the bot token. */
  authorization?: string;
}

/** A file shared through files.uploadV2, once files.completeUploadExternal put it somewhere. */
export interface CompletedUpload {
  fileId: string;
  filename: string;
  title: string | undefined;
  /** The bytes POSTed to the upload URL. */
  bytes: Buffer;
  channel: string | undefined;
  threadTs: string | undefined;
  initialComment: string | undefined;
  /** The ts of the message the file was shared in (reported in the completion's `shares`). */
  ts: string;
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
  /** Files uploaded and shared (files.getUploadURLExternal → upload URL → completeUploadExternal). */
  uploads: CompletedUpload[];
  /**
   * Serves `bytes` like Slack's url_private_download: only with the bot token (anything else gets
   * Slack's HTML sign-in page, as Slack does); each download is recorded as `download:<name>`.
   */
  hostFile(name: string, bytes: Buffer, contentType?: string): string;
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

async function read(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The bytes POSTed to an upload URL: the client sends them as multipart form data (or raw). */
async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return raw;
  const form = await new Response(new Uint8Array(raw), {
    headers: { 'content-type': contentType },
  }).formData();
  for (const value of form.values())
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  throw new Error('upload without a file part');
}

/** A local HTTP server that answers Slack Web API calls and response_url posts like Slack does. */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const canned = new Map<string, CannedReply[]>();
  let ts = 1_700_000_000;
  let base = '';
  const uploads: CompletedUpload[] = [];
  /** Upload URLs handed out, by file id, and the bytes POSTed to them. */
  const pending = new Map<string, { filename: string; bytes?: Buffer }>();
  const hosted = new Map<string, { name: string; bytes: Buffer; contentType: string }>();
  let fileSequence = 0;

  const defaults = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    if (method === 'auth.test')
      return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test', url: 'https://t1/' };
    // Like Slack: the DM with a user is one channel, the same every time it is opened.
    if (method === 'conversations.open') return { ok: true, channel: { id: `D${String(body.users)}` } };
    if (method === 'views.open' || method === 'views.update' || method === 'views.publish') {
      ts += 1;
      return { ok: true, view: { id: String(body.view_id ?? `V${ts}`) } };
    }
    if (method === 'files.getUploadURLExternal') {
      fileSequence += 1;
      const fileId = `F${fileSequence}`;
      pending.set(fileId, { filename: String(body.filename) });
      return { ok: true, file_id: fileId, upload_url: `${base}/upload/${fileId}` };
    }
    if (method === 'files.completeUploadExternal') {
      const files = Array.isArray(body.files) ? (body.files as Array<{ id: string; title?: string }>) : [];
      const channel = typeof body.channel_id === 'string' ? body.channel_id : undefined;
      const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
      ts += 1;
      const sharedTs = `${ts}.000200`;
      const shared = [];
      for (const file of files) {
        const upload = pending.get(file.id);
        if (!upload?.bytes) return { ok: false, error: 'file_upload_not_found' };
        uploads.push({
          fileId: file.id,
          filename: upload.filename,
          title: file.title,
          bytes: upload.bytes,
          channel,
          threadTs,
          initialComment: typeof body.initial_comment === 'string' ? body.initial_comment : undefined,
          ts: sharedTs,
        });
        // Like Slack: a DM share is private, a channel share public, keyed by channel.
        const share = channel
          ? { [channel.startsWith('D') ? 'private' : 'public']: { [channel]: [{ ts: sharedTs }] } }
          : {};
        shared.push({ id: file.id, name: upload.filename, title: file.title, shares: share });
      }
      return { ok: true, files: shared };
    }
    if (method === 'chat.startStream') {
      ts += 1;
      return { ok: true, channel: body.channel, ts: `${ts}.000200` };
    }
    if (['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(method)) {
      ts += 1;
      const channel = typeof body.channel === 'string' ? { channel: body.channel } : {};
      return { ok: true, ts: String(body.ts ?? `${ts}.000100`), message_ts: `${ts}.000100`, ...channel };
    }
    return { ok: true };
  };

  /** A hosted file (GET /files/…): the bytes with the bot token, Slack's sign-in page without. */
  const serveFile = (path: string, authorization: string | undefined, res: ServerResponse) => {
    const file = hosted.get(path);
    calls.push({
      method: `download:${file?.name ?? path}`,
      body: {},
      at: Date.now(),
      ...(authorization ? { authorization } : {}),
    });
    if (!file) {
      res.writeHead(404);
      res.end();
    } else if (authorization !== 'Bearer xoxb-test-token') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>Sign in to Slack</body></html>');
    } else {
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.byteLength });
      res.end(file.bytes);
    }
  };

  /** An upload URL from files.getUploadURLExternal: keeps the bytes until the upload is completed. */
  const receiveUpload = async (fileId: string, req: IncomingMessage, res: ServerResponse) => {
    const bytes = await uploadedBytes(await read(req), req.headers['content-type']);
    const upload = pending.get(fileId);
    calls.push({ method: `upload:${fileId}`, body: { size: bytes.byteLength }, at: Date.now() });
    if (!upload) {
      res.writeHead(404);
      res.end();
      return;
    }
    upload.bytes = bytes;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${bytes.byteLength}`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/files/')) {
      serveFile(path, req.headers.authorization, res);
      return;
    }
    if (path.startsWith('/upload/')) {
      await receiveUpload(path.slice('/upload/'.length), req, res);
      return;
    }
    const method = path.startsWith('/api/')
      ? path.slice('/api/'.length)
      : `response:${path.replace(/^\/response\//u, '')}`;
    const body = parseBody((await read(req)).toString('utf8'), req.headers['content-type']);
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
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    uploads,
    hostFile(name, bytes, contentType = 'application/octet-stream') {
      fileSequence += 1;
      const path = `/files/T1-F${fileSequence}/download/${encodeURIComponent(name)}`;
      hosted.set(path, { name, bytes, contentType });
      return `${base}${path}`;
    },
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
