import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/config.ts';
import { type Core, createCore } from '../../src/core.ts';
import { createLogger, type Logger } from '../../src/logger.ts';

export const fixtureKnowledge = fileURLToPath(new URL('../fixtures/knowledge', import.meta.url));
export const shippedKnowledge = fileURLToPath(new URL('../../knowledge', import.meta.url));

export const silentLogger = createLogger('silent');

/** A core over the given knowledge with its own temporary DATA_DIR; close() removes it. */
export async function startCore(
  knowledgeDir = fixtureKnowledge,
  env: Record<string, string> = {},
  logger: Logger = silentLogger,
): Promise<Core & { dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'iprisk-data-'));
  // No smoke check unless a test asks for one: the project eval set is about the shipped knowledge.
  const config = loadConfig({
    KNOWLEDGE_DIR: knowledgeDir,
    DATA_DIR: dataDir,
    RELOAD_SMOKE_EVAL: '',
    // Tests send many questions from one user; the limit has tests of its own.
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  const core = await createCore(config, logger);
  return {
    ...core,
    dataDir,
    async close() {
      await core.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
