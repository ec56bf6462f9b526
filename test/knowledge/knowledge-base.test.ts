import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGlossary } from '../../src/knowledge/glossary.ts';
import { type LoadResult, loadKnowledge } from '../../src/knowledge/loader.ts';
import { industries } from '../../src/knowledge/schema.ts';
import { shippedKnowledge } from '../helpers/fixture-core.ts';

describe('the shipped knowledge base', () => {
  let kb: LoadResult;
  beforeAll(async () => {
    kb = await loadKnowledge(shippedKnowledge);
  });
  const ids = (collection: string) =>
    new Set(kb.documents.filter((d) => d.meta.collection === collection).map((d) => d.meta.id));

  it('loads every document without a validation error', () => {
    expect(kb.problems).toEqual([]);
  });

  it('has every document in both Chinese and English', () => {
    const byId = new Map<string, string[]>();
    for (const doc of kb.documents) byId.set(doc.meta.id, [...(byId.get(doc.meta.id) ?? []), doc.meta.lang]);
    const unpaired = [...byId].filter(([, langs]) => langs.sort().join() !== 'en,zh').map(([id]) => id);
    expect(unpaired).toEqual([]);
  });

  it('meets the minimum count of each collection', () => {
    expect(ids('guide').size).toBeGreaterThanOrEqual(15);
    expect(ids('rcep').size).toBeGreaterThanOrEqual(13);
    expect(ids('case').size).toBeGreaterThanOrEqual(12);
  });

  it('covers the ten RCEP country notes', () => {
    for (const country of [
      'japan',
      'korea',
      'vietnam',
      'thailand',
      'indonesia',
      'malaysia',
      'philippines',
      'singapore',
      'australia',
      'new-zealand',
    ]) {
      expect(ids('rcep').has(`rcep-${country}`)).toBe(true);
    }
  });

  it('has cases from each of the six industries, composites labelled as such', () => {
    const cases = kb.documents.filter((d) => d.meta.collection === 'case');
    for (const industry of industries.filter((i) => i !== 'other')) {
      expect(cases.filter((d) => d.meta.industry === industry).length).toBeGreaterThanOrEqual(2);
    }
    for (const doc of cases.filter((d) => d.meta.composite)) {
      expect(doc.meta.title).toMatch(
        doc.meta.lang === 'zh' ? /综合教学案例/u : /composite teaching scenario/iu,
      );
    }
  });

  it('gives every document sources and an updated date', () => {
    for (const doc of kb.documents) {
      expect(doc.meta.sources.length, doc.path).toBeGreaterThan(0);
      expect(doc.meta.updated, doc.path).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    }
  });

  it('ends guides and RCEP notes with an FAQ section', () => {
    for (const doc of kb.documents.filter((d) => d.meta.collection !== 'case')) {
      expect(doc.body, doc.path).toMatch(/^## (FAQ|常见问题)/mu);
    }
  });

  it('has a glossary of at least 150 zh-en pairs', async () => {
    const { glossary, problems } = await loadGlossary(join(shippedKnowledge, 'glossary'));
    expect(problems).toEqual([]);
    expect(glossary.entries.length).toBeGreaterThanOrEqual(150);
    expect(glossary.expand('customs detention')).toContain('海关扣留');
    expect(glossary.expand('海关扣留')).toContain('customs detention');
  });
});
