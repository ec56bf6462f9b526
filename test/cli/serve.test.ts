import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve } from '../../adapters/cli/serve.ts';
import { loadConfig } from '../../src/config/config.ts';
import { fixtureKnowledge, silentLogger } from '../helpers/fixture-core.ts';
import { freePort } from '../helpers/redis-server.ts';

describe('iprisk serve', () => {
  it('serves HTTP until told to stop, then shuts down cleanly', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'iprisk-serve-'));
    const port = await freePort();
    let stop: () => void = () => {};
    const until = new Promise<void>((resolve) => {
      stop = resolve;
    });
    try {
      const config = loadConfig({
        KNOWLEDGE_DIR: fixtureKnowledge,
        DATA_DIR: dataDir,
        HTTP_PORT: String(port),
        RELOAD_SMOKE_EVAL: '',
      });
      const running = serve(config, silentLogger, until);
      let health: Response | undefined;
      for (let i = 0; i < 100 && !health; i += 1) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (!health) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await health?.json()).toEqual({ ok: true });
      const answer = await fetch(`http://127.0.0.1:${port}/v1/ask`, {
        method: 'POST',
        body: JSON.stringify({ question: '美国337调查的答辩期限是多久?' }),
      });
      expect((await answer.json()).answer).toContain('20天');
      stop();
      await running;
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
