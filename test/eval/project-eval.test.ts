import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvalItems } from '../../src/admin/smoke-check.ts';
import type { EvalItem } from '../../src/eval/eval-set.ts';
import { runEval } from '../../src/eval/run-eval.ts';
import { shippedKnowledge, startCore } from '../helpers/fixture-core.ts';

const evalDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * The project's own eval set, written from the knowledge base (not from the shared dev set).
 * The product target: at least 95% of answers contain the expected figure or term.
 */
const HIT_FLOOR = 0.95;

describe('project eval set on the shipped knowledge', () => {
  let items: EvalItem[];
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    items = (await readEvalItems(evalDir)) ?? [];
    core = await startCore(shippedKnowledge);
  });
  afterAll(async () => {
    await core.close();
  });

  it('has at least 150 items, balanced across languages, with follow-ups and off-topic questions', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    const zh = items.filter((item) => item.lang === 'zh').length;
    expect(zh / items.length).toBeGreaterThan(0.4);
    expect(zh / items.length).toBeLessThan(0.6);
    expect(items.filter((item) => item.turns).length).toBeGreaterThanOrEqual(10);
    expect(items.filter((item) => item.abstain).length).toBeGreaterThanOrEqual(10);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });

  it('answers at or above the floor and abstains on every off-topic question', async () => {
    const summary = await runEval(core.assistant, items);
    const failed = summary.failures.map((f) => f.item.id).join(', ');
    expect(summary.abstain.rate, `failed: ${failed}`).toBe(1);
    expect(summary.hit.rate, `failed: ${failed}`).toBeGreaterThanOrEqual(HIT_FLOOR);
  });
});
