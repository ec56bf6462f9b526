import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../adapters/http/server.ts';
import { startCore } from '../helpers/fixture-core.ts';

describe('HTTP server', () => {
  let core: Awaited<ReturnType<typeof startCore>>;
  let http: HttpServer;
  let base: string;
  beforeAll(async () => {
    core = await startCore(undefined, { ADMIN_TOKEN: 'test-admin-token-0123456789abcdef' });
    http = createHttpServer(core);
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await http.close();
    await core.close();
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers,
    });

  it('answers health and readiness', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).indexVersion).toBe(core.service.indexVersion());
  });

  it('POST /v1/ask returns the answer JSON, and follows a session', async () => {
    const res = await post('/v1/ask', {
      question: 'When did RCEP enter into force for Japan?',
      sessionId: 'api-1',
    });
    expect(res.status).toBe(200);
    const first = await res.json();
    expect(first).toMatchObject({ lang: 'en', abstained: false, citations: [{ id: 'fixture-rcep' }] });
    const follow = await (await post('/v1/ask', { question: 'And for Korea?', sessionId: 'api-1' })).json();
    expect(follow.answer).toContain('1 February 2022');
  });

  it('rejects a bad ask body with 400 and a reason', async () => {
    const empty = await post('/v1/ask', { question: '' });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toContain('question must not be empty');
    expect((await post('/v1/ask', 'not json')).status).toBe(400);
    expect((await post('/v1/ask', { question: 'x'.repeat(70_000) })).status).toBe(413);
  });

  it('refuses admin reload without the bearer token and runs it with it', async () => {
    expect((await post('/v1/admin/reload', {})).status).toBe(401);
    expect((await post('/v1/admin/reload', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    const ok = await post(
      '/v1/admin/reload',
      {},
      { authorization: 'Bearer test-admin-token-0123456789abcdef' },
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ version: expect.any(String), documents: 6, rejected: [] });
  });

  it('exposes Prometheus metrics counting answers', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/iprisk_questions_total\{platform="http",outcome="answered"\} \d+/u);
    expect(text).toContain('iprisk_index_chunks 12');
  });

  it('answers 404 for unknown routes', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
