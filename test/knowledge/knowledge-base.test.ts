import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { comparableFigures, spelledFigures } from '../../src/knowledge/cards.ts';
import { loadGlossary } from '../../src/knowledge/glossary.ts';
import { type LoadResult, loadKnowledge } from '../../src/knowledge/loader.ts';
import { industries } from '../../src/knowledge/schema.ts';
import { shippedKnowledge } from '../helpers/fixture-core.ts';

/** Whether the text spells the figure out in words. */
function spelled(text: string, figure: string, lang: 'zh' | 'en'): boolean {
  return spelledFigures(text, lang).includes(figure);
}

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

  it('gives every document sources, an updated date and a later review date', () => {
    for (const doc of kb.documents) {
      expect(doc.meta.sources.length, doc.path).toBeGreaterThan(0);
      expect(doc.meta.updated, doc.path).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
      expect(doc.meta.review_by > doc.meta.updated, doc.path).toBe(true);
    }
  });

  it('says the same in zh and en: same figures, sources, updated and review dates', () => {
    const byId = new Map<string, Partial<Record<'zh' | 'en', (typeof kb.documents)[number]>>>();
    for (const doc of kb.documents) byId.set(doc.meta.id, { ...byId.get(doc.meta.id), [doc.meta.lang]: doc });
    const differences: string[] = [];
    for (const [id, { zh, en }] of byId) {
      if (!zh || !en) continue;
      // A figure one version writes in digits, the other may spell out ("ten parties", "十个").
      const enFigures = comparableFigures(en.body, 'en').split(',');
      const zhFigures = comparableFigures(zh.body, 'zh').split(',');
      const onlyEn = enFigures.filter((f) => !zhFigures.includes(f) && !spelled(zh.body, f, 'zh'));
      const onlyZh = zhFigures.filter((f) => !enFigures.includes(f) && !spelled(en.body, f, 'en'));
      if (onlyEn.length + onlyZh.length > 0)
        differences.push(`${id}: only in en ${onlyEn.join(' ')} / only in zh ${onlyZh.join(' ')}`);
      if (en.meta.updated !== zh.meta.updated || en.meta.review_by !== zh.meta.review_by)
        differences.push(`${id}: dates differ`);
      if (en.meta.sources.length !== zh.meta.sources.length) differences.push(`${id}: sources differ`);
    }
    expect(differences).toEqual([]);
  });

  it('has notes for the export markets users ask about beyond RCEP, in both languages', () => {
    const markets = new Set(kb.documents.flatMap((d) => d.meta.jurisdictions));
    for (const code of ['GB', 'IN', 'BR', 'MX', 'CA', 'TR', 'AE', 'SA', 'RU', 'KH', 'LA', 'BN', 'MM']) {
      expect(markets.has(code), code).toBe(true);
    }
  });

  it("no longer states 5 months as Vietnam's opposition period", () => {
    for (const doc of kb.documents) {
      // Line by line: a line that mentions the old period must also say it changed.
      for (const sentence of doc.body.split(/\n/u)) {
        if (!/Vietnam|越南/u.test(sentence) || !/opposition|异议/u.test(sentence)) continue;
        if (/\b5 months|5\s*个月|五个月/u.test(sentence))
          expect(sentence, doc.path).toMatch(
            /2026|131\/2025|former|earlier|previous|old|原|此前|之前|缩短|shortened|applied|适用/u,
          );
      }
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
