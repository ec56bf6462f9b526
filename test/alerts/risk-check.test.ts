import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckState } from '../../src/alerts/risk-check.ts';
import type { Core } from '../../src/core.ts';
import { shippedKnowledge, startCore } from '../helpers/fixture-core.ts';

describe('the pre-export risk check', () => {
  let core: Core;
  beforeAll(async () => {
    core = await startCore(shippedKnowledge);
  });
  afterAll(async () => {
    await core?.close();
  });

  /** Answers every question as a chat user would, typing or tapping. */
  function answer(lang: 'en' | 'zh', inputs: Array<Parameters<Core['riskCheck']['step']>[1]>): CheckState {
    let state = core.riskCheck.begin(lang);
    for (const input of inputs) {
      const next = core.riskCheck.step(state, input);
      expect(next.problem).toBeUndefined();
      state = next.state;
    }
    return state;
  }

  it('for Amazon US and Germany, brand only in China, no patent search: register in the US and the EU, and an FTO search, each cited', async () => {
    const state = answer('en', [
      { text: 'US, Germany' },
      { done: true },
      { choose: 'amazon' },
      { done: true },
      { text: 'only in China' },
      { choose: 'yes' },
      { choose: 'no' },
    ]);
    const list = await core.riskCheck.checklist(state);
    const texts = list.items.map((item) => item.text);
    expect(texts.some((t) => t.includes('trademark in United States'))).toBe(true);
    expect(texts.some((t) => t.includes('the whole EU'))).toBe(true);
    expect(texts.some((t) => /freedom-to-operate/u.test(t))).toBe(true);
    for (const item of list.items) expect(item.citation, item.id).toBeDefined();
    const fto = list.items.find((item) => item.id === 'freedom-to-operate');
    expect(fto?.citation?.section).toMatch(/freedom-to-operate/iu);
    expect(list.urgent).toBe(true);
  });

  it('cites a market’s own note, and says so where the knowledge has none rather than citing another market', async () => {
    const state = answer('en', [
      { text: 'Brazil, Chile' },
      { done: true },
      { text: 'trade fairs' },
      { choose: 'nowhere' },
      { text: 'no' },
      { text: 'yes' },
    ]);
    const list = await core.riskCheck.checklist(state);
    const brazil = list.items.find((item) => item.id === 'register-brand:BR');
    expect(brazil?.citation?.id).toBe('market-brazil');
    const chile = list.items.find((item) => item.id === 'register-brand:CL');
    expect(chile?.citation).toBeUndefined();
    expect(chile?.uncovered).toBe('Chile');
    expect(list.items.some((item) => item.id === 'freedom-to-operate')).toBe(false);
    expect(list.items.some((item) => item.id === 'trade-fair')).toBe(true);
  });

  it('asks again, saying why, when a market is not recognised or none is given', () => {
    const start = core.riskCheck.begin('en');
    expect(core.riskCheck.step(start, { text: 'Narnia' }).problem).toEqual({
      kind: 'notRecognised',
      words: ['Narnia'],
    });
    expect(core.riskCheck.step(start, { done: true }).problem).toEqual({ kind: 'needMarket' });
    const tapped = core.riskCheck.step(start, { choose: 'VN' }).state;
    expect(core.riskCheck.view(tapped).options.find((o) => o.value === 'VN')?.chosen).toBe(true);
    expect(core.riskCheck.step(tapped, { done: true }).state.step).toBe(1);
  });

  it('answers in Chinese when asked in Chinese', async () => {
    const state = answer('zh', [
      { text: '美国 德国' },
      { done: true },
      { text: '亚马逊' },
      { text: '仅中国' },
      { text: '否' },
      { text: '没有' },
    ]);
    const list = await core.riskCheck.checklist(state);
    expect(list.items.some((item) => item.text.includes('在美国'))).toBe(true);
    expect(list.items.some((item) => item.text.includes('欧盟'))).toBe(true);
    expect(list.items.some((item) => item.text.includes('自由实施'))).toBe(true);
    for (const item of list.items) expect(item.citation?.title, item.id).toMatch(/\p{Script=Han}/u);
    expect(list.urgent).toBe(false);
  });
});
