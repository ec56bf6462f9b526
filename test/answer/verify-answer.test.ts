import { describe, expect, it } from 'vitest';
import { verifyAnswer } from '../../src/answer/verify-answer.ts';
import type { Chunk } from '../../src/knowledge/chunk.ts';

const chunk = (text: string, lang: 'zh' | 'en' = 'en', section = 'Key deadlines'): Chunk => ({
  id: `doc.${lang}#0`,
  docId: 'doc',
  lang,
  title: 'A guide',
  collection: 'guide',
  jurisdictions: ['US'],
  ipTypes: [],
  stages: [],
  section,
  faq: false,
  ordinal: 0,
  text,
  hash: 'h',
  path: 'guides/doc.md',
});

const passages = [
  chunk('The response to a Section 337 complaint is due 20 days after service under 19 CFR 210.13.'),
  chunk('A temporary exclusion order shortens this: the response is due in 10 days.'),
];

describe('checking a model answer against its passages', () => {
  it('keeps a correct cited answer as it is', () => {
    const result = verifyAnswer(
      'The response is due 20 days after service [1]. Rule 210.13 sets it [1].',
      passages,
      'en',
    );
    expect(result).toMatchObject({ outcome: 'verified', cited: [1] });
    expect(result.text).toBe('The response is due 20 days after service [1]. Rule 210.13 sets it [1].');
  });

  it('removes a sentence whose figure no cited passage states, and keeps the rest', () => {
    const result = verifyAnswer(
      'The response is due 20 days after service [1]. You may get a 45-day extension [2].',
      passages,
      'en',
    );
    expect(result.outcome).toBe('repaired');
    expect(result.text).toBe('The response is due 20 days after service [1].');
    expect(result.text).not.toContain('45');
  });

  it('drops a citation to a passage that was not given', () => {
    const result = verifyAnswer('The response is due 20 days after service [1][9].', passages, 'en');
    expect(result).toMatchObject({ outcome: 'repaired', cited: [1] });
    expect(result.text).not.toContain('[9]');
  });

  it('falls back when the answer is in the wrong language or its first sentence is unsupported', () => {
    expect(verifyAnswer('The response is due 20 days after service [1].', passages, 'zh').outcome).toBe(
      'fell_back',
    );
    expect(
      verifyAnswer('The response is due 30 days after service [1]. It starts at service [1].', passages, 'en')
        .outcome,
    ).toBe('fell_back');
  });

  it('reads figures in Chinese numerals, full-width digits and 万 as the passages state them', () => {
    const zh = [chunk('337调查的答辩期限为送达后20天，保证金通常为10000美元。', 'zh', '关键期限')];
    expect(verifyAnswer('答辩期限为送达后二十天[1]。', zh, 'zh').outcome).toBe('verified');
    expect(verifyAnswer('答辩期限为送达后２０天[1]，保证金约1万美元[1]。', zh, 'zh').outcome).toBe(
      'verified',
    );
    expect(verifyAnswer('答辩期限为送达后20天[1]。费用约30万美元[1]。', zh, 'zh')).toMatchObject({
      outcome: 'repaired',
      text: '答辩期限为送达后20天[1]。',
    });
  });
});
