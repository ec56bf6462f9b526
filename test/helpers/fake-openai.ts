import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the next request gets: a completion; a 500; no answer for a while; or, for a streaming
 * request, these pieces as server-sent events (and with `hang`, nothing more after them).
 */
export type Script =
  | { content: string }
  | { fail: true }
  | { hangMs: number }
  | { pieces: string[]; hang?: boolean };

export interface RecordedRequest {
  path: string;
  body: { model: string; stream?: boolean; messages: Array<{ role: string; content: string }> };
}

/** A local server that answers like the OpenAI chat completions API (streaming or not), and records. */
export function fakeOpenAi() {
  const requests: RecordedRequest[] = [];
  let script: Script[] = [];
  const completion = (content: string) => ({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
  });
  const delta = (content: string, finish: string | null = null) =>
    `data: ${JSON.stringify({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'test-model',
      choices: [{ index: 0, delta: { content }, finish_reason: finish }],
    })}\n\n`;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString();
    });
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as RecordedRequest['body'];
      requests.push({ path: req.url ?? '', body });
      const next = script.shift() ?? { content: 'The response is due 20 days after service [1].' };
      if ('fail' in next) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'boom', type: 'server_error' } }));
        return;
      }
      if ('hangMs' in next) {
        setTimeout(() => {
          if (!res.destroyed) {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify(completion('')));
          }
        }, next.hangMs);
        return;
      }
      const pieces = 'pieces' in next ? next.pieces : [next.content];
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(completion(pieces.join(''))));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const piece of pieces) res.write(delta(piece));
      if ('hang' in next && next.hang) return;
      res.write(delta('', 'stop'));
      res.end('data: [DONE]\n\n');
    });
  });
  return {
    requests,
    script: (...replies: Script[]) => {
      script = replies;
    },
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
