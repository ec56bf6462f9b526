import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createQuestionKinds, type QuestionKinds } from '../../src/answer/question-kinds.ts';
import { type FollowUpDeps, resolveFollowUp } from '../../src/conversation/followup.ts';
import { createMarketTable } from '../../src/knowledge/markets.ts';

const data = async (name: string) =>
  parse(await readFile(new URL(`../../knowledge/data/${name}`, import.meta.url), 'utf8'));

describe('reading a question in the light of the previous one', () => {
  let deps: FollowUpDeps;
  let kinds: QuestionKinds;
  beforeAll(async () => {
    kinds = createQuestionKinds(await data('question-kinds.yaml'));
    deps = {
      markets: createMarketTable(await data('markets.yaml')),
      kinds,
      hasSubject: (text) => kinds.hasDomainWords(text),
    };
  });
  const eu = {
    query: 'How long does the right holder have after EU customs detains goods?',
    markets: ['EU'],
  };

  it('takes a short question in words the knowledge never uses as a question of its own', () => {
    const knowledgeWords = new Set(['get', 'more', 'time', '延长']);
    const withVocabulary: FollowUpDeps = {
      ...deps,
      foreignWords: (text) =>
        (text.toLowerCase().match(/[a-z]+|延长|周末|爬山/gu) ?? []).filter(
          (w) => !knowledgeWords.has(w) && !['how', 'do', 'i', 'can', 'we'].includes(w),
        ).length,
    };
    expect(resolveFollowUp('How do I bake sourdough bread?', eu, withVocabulary).followUp).toBe(false);
    expect(resolveFollowUp('周末爬山', eu, withVocabulary).followUp).toBe(false);
    expect(resolveFollowUp('Can we get more time?', eu, withVocabulary).followUp).toBe(true);
    expect(resolveFollowUp('能延长吗？', eu, withVocabulary).followUp).toBe(true);
  });

  it('moves to China when the user asks about China', () => {
    const resolved = resolveFollowUp('And in China, if customs holds the goods?', eu, deps);
    expect(resolved.followUp).toBe(true);
    expect(resolved.markets).toEqual(['CN']);
  });

  it('keeps the market when the user only says where they are', () => {
    const us = { query: '美国联邦法院被诉专利侵权，送达后多少天要答辩？', markets: ['US'] };
    const resolved = resolveFollowUp('那如果是放弃送达、我们公司在中国呢？', us, deps);
    expect(resolved.followUp).toBe(true);
    expect(resolved.markets).toEqual(['US']);
  });

  it('reads a challenge to the last answer as being about its topic', () => {
    const vn = { query: 'Vietnam trademark opposition period?', markets: ['VN'] };
    for (const question of [
      'we saw older guides saying 5 months, which one is right?',
      '确定吗？以前说是5个月',
    ]) {
      const resolved = resolveFollowUp(question, vn, deps);
      expect(resolved.followUp).toBe(true);
      expect(resolved.markets).toEqual(['VN']);
      expect(resolved.query).toContain('Vietnam');
    }
  });

  it('starts a new topic with a self-contained question', () => {
    const resolved = resolveFollowUp('What is a Schedule A case in the US?', eu, deps);
    expect(resolved.followUp).toBe(false);
    expect(resolved.markets).toEqual(['US']);
  });
});
