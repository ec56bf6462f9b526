import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore } from '../helpers/fixture-core.ts';

/** A local server that answers like the OpenAI chat completions API and records what it got. */
function fakeOpenAi() {
  const requests: Array<{ path: string; body: { model: string; messages: Array<{ content: string }> } }> = [];
  let fail = false;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString();
    });
    req.on('end', () => {
      requests.push({ path: req.url ?? '', body: JSON.parse(raw || '{}') });
      if (fail) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'boom', type: 'server_error' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model: 'test-model',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'The response is due 20 days after service [1].' },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        }),
      );
    });
  });
  return {
    requests,
    setFail: (value: boolean) => {
      fail = value;
    },
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('LLM mode against a local OpenAI-compatible server', () => {
  const api = fakeOpenAi();
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    const baseUrl = await api.start();
    core = await startCore(undefined, {
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: baseUrl,
      CHAT_MODEL: 'test-model',
    });
  });
  afterAll(async () => {
    await core.close();
    await api.stop();
  });

  it('answers from a curated card without calling the model', async () => {
    const before = api.requests.length;
    const result = await core.assistant.ask({ text: 'What is the Section 337 response deadline?' });
    expect(result.answer).toContain('20 days after service');
    expect(api.requests.length).toBe(before);
  });

  it('has the chat model write the answer from the retrieved passages, with our citations', async () => {
    const result = await core.assistant.ask({
      text: 'By when does the ITC set the target date after institution?',
    });
    expect(result.answer).toContain('The response is due 20 days after service [1].');
    expect(result.answer).toContain('Sources: Fixture: Section 337 response');
    expect(result.citations[0]?.id).toBe('fixture-337');
    const last = api.requests.at(-1);
    expect(last?.path).toBe('/v1/chat/completions');
    expect(last?.body.model).toBe('test-model');
    expect(last?.body.messages[0]?.content).toContain('20 days after service of the complaint');
    expect(last?.body.messages[0]?.content).toContain('Reply in English');
  });

  it('still abstains without calling the model when the question is off-topic', async () => {
    const before = api.requests.length;
    const result = await core.assistant.ask({ text: 'How do I bake sourdough bread?' });
    expect(result.abstained).toBe(true);
    expect(api.requests.length).toBe(before);
  });

  it('falls back to the extractive answer when the model fails', async () => {
    api.setFail(true);
    try {
      const result = await core.assistant.ask({ text: '美国337调查的答辩期限是多久?' });
      expect(result.abstained).toBe(false);
      expect(result.answer).toContain('20天');
      expect(result.answer).not.toContain('[1]');
    } finally {
      api.setFail(false);
    }
  });
});
