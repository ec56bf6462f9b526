import type { IncomingMessage, ServerResponse } from 'node:http';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { freePort } from '../helpers/redis-server.ts';

/** What the emulator stored for one sendMessage of the bot (the request body, as sent). */
export interface BotMessage {
  messageId: number;
  message: {
    chat_id: number | string;
    text: string;
    parse_mode?: string;
    reply_markup?: { inline_keyboard: { text: string; callback_data?: string }[][] };
    reply_parameters?: { message_id: number };
  };
}

/** A file the bot sent (sendDocument, sendPhoto): kept apart from BotMessage, which always has text. */
export interface BotFile {
  messageId: number;
  method: 'sendDocument' | 'sendPhoto';
  chatId: number;
  /** The name grammY gave the upload. */
  name: string;
  bytes: Uint8Array;
  caption?: string;
  parseMode?: string;
  replyTo?: number;
  /** The id under which the emulator serves the bytes again (getFile). */
  fileId: string;
}

/** A file the emulator serves (getFile, /file/bot<token>/<path>), as a user's document carries it. */
export interface UploadedFile {
  file_id: string;
  file_unique_id: string;
  file_name: string;
  mime_type: string;
  file_size: number;
}

export type Client = ReturnType<TelegramServer['getClient']>;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The parts telegram-test-api keeps private: its express app (start() serves it) and its message ids. */
interface ServerInternals {
  webServer: Handler & { settings: unknown };
  messageId: number;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * grammY's multipart bodies: fields are plain values (objects as JSON), a file is a part with a
 * filename (written unquoted by grammY). Enough of multipart/form-data for that.
 */
function parseMultipart(body: Buffer, boundary: string) {
  const fields = new Map<string, string>();
  const files = new Map<string, { filename: string; bytes: Uint8Array }>();
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length, next);
    start = next;
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const headers = part.subarray(0, headerEnd).toString('utf8');
    // The part ends with the CRLF that precedes the next delimiter.
    const content = part.subarray(headerEnd + 4, part.length - 2);
    const name = /name="([^"]*)"/iu.exec(headers)?.[1];
    if (!name) continue;
    const filename = /filename=("?)([^"\r\n;]*)\1/iu.exec(headers)?.[2];
    if (filename !== undefined) files.set(name, { filename, bytes: new Uint8Array(content) });
    else fields.set(name, content.toString('utf8'));
  }
  return { fields, files };
}

/** Any body grammY or a test sends (JSON, urlencoded, multipart), as fields plus uploaded files. */
async function parseBody(req: IncomingMessage, url: URL) {
  const body = await readBody(req);
  const type = req.headers['content-type'] ?? '';
  const boundary = /boundary=("?)([^";]+)\1/iu.exec(type)?.[2];
  if (type.startsWith('multipart/form-data') && boundary) return parseMultipart(body, boundary);
  const fields = new Map<string, string>(url.searchParams);
  if (type.startsWith('application/json') && body.length > 0)
    for (const [key, value] of Object.entries(JSON.parse(body.toString('utf8')) as Record<string, unknown>))
      fields.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  else if (type.startsWith('application/x-www-form-urlencoded'))
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) fields.set(key, value);
  return { fields, files: new Map<string, { filename: string; bytes: Uint8Array }>() };
}

const mimeByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain',
};

/** The telegram-test-api Bot API emulator on a free loopback port. */
export async function startEmulator() {
  const port = await freePort();
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 60 });
  const internals = server as unknown as ServerInternals;
  const apiRoot = server.config.apiURL;

  /** Files by id and by download path: what users uploaded and what the bot sent. */
  const stored = new Map<string, { upload: UploadedFile; path: string; bytes: Uint8Array }>();
  const byPath = new Map<string, Uint8Array>();
  const sentFiles: BotFile[] = [];
  /** Drafts the bot streamed (sendMessageDraft), in order. */
  const drafts: Array<{ chatId: number; draftId: number; text: string }> = [];
  let fileCount = 0;
  const store = (bytes: Uint8Array, name: string, mimeType: string, size = bytes.length): UploadedFile => {
    const n = ++fileCount;
    const upload = {
      file_id: `file-${n}`,
      file_unique_id: `unique-${n}`,
      file_name: name,
      mime_type: mimeType,
      file_size: size,
    };
    const path = `documents/file_${n}${/\.[\w]+$/u.exec(name)?.[0] ?? ''}`;
    stored.set(upload.file_id, { upload, path, bytes });
    byPath.set(path, bytes);
    return upload;
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, description: string) =>
    send(res, status, { ok: false, error_code: status, description });

  // The emulator's routes end in a catch-all 404, so the file routes go in front of its app
  // rather than after it; everything else is passed through untouched.
  const emulated = internals.webServer;
  const withFiles: Handler = (req, res) => {
    const url = new URL(req.url ?? '/', apiRoot);
    const download = /^\/file\/bot[^/]+\/(.+)$/u.exec(url.pathname);
    if (download?.[1]) {
      const bytes = byPath.get(decodeURIComponent(download[1]));
      if (!bytes) return fail(res, 404, 'Not Found');
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(bytes);
      return;
    }
    if (/^\/bot[^/]+\/sendMessageDraft$/u.test(url.pathname)) {
      parseBody(req, url)
        .then(({ fields }) => {
          drafts.push({
            chatId: Number(fields.get('chat_id')),
            draftId: Number(fields.get('draft_id')),
            text: fields.get('text') ?? '',
          });
          send(res, 200, { ok: true, result: true });
        })
        .catch(() => fail(res, 400, 'Bad Request: unreadable body'));
      return;
    }
    const method = /^\/bot[^/]+\/(sendDocument|sendPhoto|getFile)$/u.exec(url.pathname)?.[1] as
      | BotFile['method']
      | 'getFile'
      | undefined;
    if (!method) return emulated(req, res);
    parseBody(req, url)
      .then(({ fields, files }) => {
        if (method === 'getFile') {
          const file = stored.get(fields.get('file_id') ?? '');
          if (!file) return fail(res, 400, 'Bad Request: invalid file_id');
          return send(res, 200, {
            ok: true,
            result: { ...file.upload, file_path: file.path },
          });
        }
        const field = method === 'sendDocument' ? 'document' : 'photo';
        const attach = /^attach:\/\/(.+)$/u.exec(fields.get(field) ?? '')?.[1];
        const upload = attach ? files.get(attach) : undefined;
        // Re-sending a stored file by id works as well.
        const resent = stored.get(fields.get(field) ?? '');
        const name = upload?.filename ?? resent?.upload.file_name;
        const bytes = upload?.bytes ?? resent?.bytes;
        if (!name || !bytes) return fail(res, 400, `Bad Request: no ${field} in the request`);
        const mimeType =
          mimeByExtension[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
        const again = store(bytes, name, mimeType);
        const replyTo = fields.get('reply_parameters');
        const caption = fields.get('caption');
        const parseMode = fields.get('parse_mode');
        const sent: BotFile = {
          messageId: internals.messageId++,
          method,
          chatId: Number(fields.get('chat_id')),
          name,
          bytes,
          fileId: again.file_id,
          ...(caption !== undefined ? { caption } : {}),
          ...(parseMode !== undefined ? { parseMode } : {}),
          ...(replyTo ? { replyTo: (JSON.parse(replyTo) as { message_id: number }).message_id } : {}),
        };
        sentFiles.push(sent);
        return send(res, 200, {
          ok: true,
          result: {
            message_id: sent.messageId,
            date: Math.floor(Date.now() / 1000),
            chat: { id: sent.chatId, type: sent.chatId < 0 ? 'group' : 'private' },
            ...(caption !== undefined ? { caption } : {}),
            document: { ...again, file_size: bytes.length },
          },
        });
      })
      .catch((error: unknown) => fail(res, 500, String(error)));
  };
  // start() logs the app's settings when it listens.
  internals.webServer = Object.assign(withFiles, { settings: emulated.settings });
  await server.start();

  return {
    server,
    apiRoot,
    /** Every file the bot sent, in order. */
    sentFiles,
    drafts,
    /**
     * Stores bytes the way a user's upload is stored, and returns the document a message carries
     * for it. `size` overrides the reported file_size (a file too large to send for real).
     */
    upload(bytes: Uint8Array, name: string, mimeType: string, size?: number): UploadedFile {
      return store(bytes, name, mimeType, size);
    },
    /** A user in a chat, with an inbox of what the bot sent to that chat. */
    chat(token: string, options: Parameters<TelegramServer['getClient']>[1] = {}) {
      const client = server.getClient(token, { timeout: 10_000, ...options });
      const chatId = options.chatId ?? 1;
      const inbox: BotMessage[] = [];
      // The emulator's own client.getUpdates keeps polling forever when nothing comes; this reads once.
      const poll = async () => {
        const res = await fetch(`${apiRoot}/getUpdates`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token, chatId }),
        });
        const body = (await res.json()) as { result: BotMessage[] };
        inbox.push(...body.result);
      };
      const files = () => sentFiles.filter((f) => f.chatId === chatId);
      return {
        client,
        inbox,
        /** The files the bot sent to this chat so far. */
        files,
        /** Waits until at least `count` bot messages in all have arrived in this chat. */
        async waitFor(count: number, timeoutMs = 10_000): Promise<BotMessage[]> {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            await poll();
            if (inbox.length >= count) return inbox;
            if (Date.now() > deadline)
              throw new Error(`expected ${count} bot messages in chat ${chatId}, got ${inbox.length}`);
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        },
        /** Waits until at least `count` files in all have arrived in this chat. */
        async waitForFiles(count: number, timeoutMs = 10_000): Promise<BotFile[]> {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            if (files().length >= count) return files();
            if (Date.now() > deadline)
              throw new Error(`expected ${count} files in chat ${chatId}, got ${files().length}`);
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        },
        /** Everything the bot sent to this chat once `ms` have passed. */
        async settle(ms = 300): Promise<BotMessage[]> {
          await new Promise((resolve) => setTimeout(resolve, ms));
          await poll();
          return inbox;
        },
      };
    },
    async stop() {
      await server.stop();
    },
  };
}

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
