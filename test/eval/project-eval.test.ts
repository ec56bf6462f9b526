import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvalItem, readEvalItems } from '../../src/eval/eval-set.ts';
import { runEval } from '../../src/eval/run-eval.ts';
import { shippedKnowledge, startCore } from '../helpers/fixture-core.ts';

const tuneDir = fileURLToPath(new URL('./tune', import.meta.url));
const holdoutDir = fileURLToPath(new URL('./holdout', import.meta.url));

/**
 * The project's eval sets on the shipped knowledge. `tune/` is what the team looks at and tunes
 * on; `holdout/` was written independently of the code and is only ever read in aggregate: its
 * failures are not printed, so nobody tunes on them.
 */
const FLOORS = {
  // The tune set includes 130 items in users' own styles (long stories, slang, typos, mixed
  // zh/en) and 150 decline probes written by helpers who never read the code; the target
  // for its hit rate is 0.95. Abstain: 15 of 295 declines are still answered, most about an
  // uncovered procedure or IP right in a market we do cover (appeals, utility models, fees not stated).
  tune: { hit: 0.95, abstain: 0.94 },
  // The target is hit 0.90 and abstain 1.0. A third sealed batch (80 items, 2026-12-01)
  // brought one decline that is still answered (47/48): the floor keeps what is reached.
  holdout: { hit: 0.94, abstain: 0.97 },
};

describe('project eval sets on the shipped knowledge', () => {
  let tune: EvalItem[];
  let holdout: EvalItem[];
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    tune = (await readEvalItems(tuneDir)) ?? [];
    holdout = (await readEvalItems(holdoutDir)) ?? [];
    core = await startCore(shippedKnowledge);
  });
  afterAll(async () => {
    await core.close();
  });

  it('has a tune set of at least 150 items, balanced across languages, with follow-ups and off-topic questions', () => {
    expect(tune.length).toBeGreaterThanOrEqual(150);
    const zh = tune.filter((item) => item.lang === 'zh').length;
    expect(zh / tune.length).toBeGreaterThan(0.4);
    expect(zh / tune.length).toBeLessThan(0.6);
    expect(tune.filter((item) => item.turns).length).toBeGreaterThanOrEqual(10);
    expect(tune.filter((item) => item.abstain).length).toBeGreaterThanOrEqual(10);
    expect(new Set(tune.map((item) => item.id)).size).toBe(tune.length);
  });

  it('has a holdout set of about 150 items that shares no id or question with the tune set', () => {
    expect(holdout.length).toBeGreaterThanOrEqual(140);
    const tuneIds = new Set(tune.map((item) => item.id));
    const tuneQuestions = new Set(tune.map((item) => item.question ?? item.turns?.join(' ')));
    expect(holdout.filter((item) => tuneIds.has(item.id))).toEqual([]);
    expect(holdout.filter((item) => tuneQuestions.has(item.question ?? item.turns?.join(' '))).length).toBe(
      0,
    );
  });

  it('names, for every answerable tune item, a served document and section that answers it (the bench reads these)', () => {
    const index = core.index.get();
    const sections = new Set(index.chunks.map((chunk) => `${chunk.docId}/${chunk.lang}/${chunk.section}`));
    const wrong = tune
      .filter((item) => item.expect)
      .flatMap((item) =>
        (item.sources ?? [{ doc: '(none)' }])
          .filter((source) => !sections.has(`${source.doc}/${item.lang}/${source.section ?? ''}`))
          .map((source) => `${item.id}: ${source.doc} / ${source.section ?? '(no section)'}`),
      );
    expect(wrong).toEqual([]);
  });

  it('answers the tune set at or above its floor and abstains where it must', async () => {
    const summary = await runEval(core.assistant, tune);
    const failed = summary.failures.map((f) => f.item.id).join(', ');
    expect(summary.abstain.rate, `failed: ${failed}`).toBeGreaterThanOrEqual(FLOORS.tune.abstain);
    expect(summary.hit.rate, `failed: ${failed}`).toBeGreaterThanOrEqual(FLOORS.tune.hit);
  });

  it('answers the holdout set at or above its floor (aggregate only)', async () => {
    const summary = await runEval(core.assistant, holdout);
    const line = `hit ${summary.hit.passed}/${summary.hit.total}, abstain ${summary.abstain.passed}/${summary.abstain.total}`;
    expect(summary.abstain.rate, line).toBeGreaterThanOrEqual(FLOORS.holdout.abstain);
    expect(summary.hit.rate, line).toBeGreaterThanOrEqual(FLOORS.holdout.hit);
  });
});
