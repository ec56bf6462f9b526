import { describe, expect, it } from 'vitest';
import { chunkDocument, packText } from '../../src/knowledge/chunker.ts';
import { parseDocument } from '../../src/knowledge/loader.ts';
import type { KnowledgeDocument } from '../../src/knowledge/schema.ts';

function doc(lang: 'zh' | 'en', body: string): KnowledgeDocument {
  const parsed = parseDocument(
    `x.${lang}.md`,
    `---\nid: x\nlang: ${lang}\ntitle: T\ncollection: guide\njurisdictions: [EU]\nip_types: [trademark]\nstages: [customs]\nupdated: 2026-11-21\nreview_by: 2027-05-21\nsources:\n  - { title: S }\n---\n${body}`,
  );
  if ('reason' in parsed) throw new Error(parsed.reason);
  return parsed;
}

describe('chunkDocument', () => {
  it('makes one chunk per H2 section and one per FAQ question, carrying the metadata', () => {
    const chunks = chunkDocument(
      doc(
        'en',
        'Intro text here.\n\n## Deadlines\nTen working days apply.\n\n## FAQ\n### Can it be extended?\nYes, by 10 working days.\n### Perishables?\nThree working days.\n',
      ),
    );
    expect(chunks.map((c) => c.section)).toEqual(['T', 'Deadlines', 'Can it be extended?', 'Perishables?']);
    expect(chunks.map((c) => c.faq)).toEqual([false, false, true, true]);
    expect(chunks[1]).toMatchObject({
      docId: 'x',
      lang: 'en',
      jurisdictions: ['EU'],
      ipTypes: ['trademark'],
      collection: 'guide',
    });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
  });

  it('splits a long English section only between sentences', () => {
    const sentence = (i: number) =>
      `Sentence number ${i} explains that Art. 23 of Reg. 608/2013 gives 10 working days.`;
    const body = `## Long\n${Array.from({ length: 60 }, (_, i) => sentence(i)).join(' ')}\n`;
    const chunks = chunkDocument(doc('en', body), { maxChars: 500 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(500);
      expect(chunk.text).toMatch(/^Sentence number \d+/u);
      expect(chunk.text).toMatch(/10 working days\.$/u);
    }
  });

  it('splits a long Chinese section only at sentence ends', () => {
    const body = `## 期限\n${'权利人须在收到扣留通知之日起10个工作日内启动诉讼程序,否则货物可能被放行。'.repeat(40)}\n`;
    const chunks = chunkDocument(doc('zh', body), { maxChars: 300 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.text.startsWith('权利人')).toBe(true);
      expect(chunk.text.endsWith('。')).toBe(true);
    }
  });

  it('packs paragraphs together until the limit', () => {
    expect(packText('A one.\n\nB two.\n\nC three.', 20)).toEqual(['A one.\n\nB two.', 'C three.']);
  });
});
