import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { comparableFigures, loadCards } from '../../src/knowledge/cards.ts';
import { loadKnowledge } from '../../src/knowledge/loader.ts';

const doc = (lang: 'en' | 'zh', body: string) => `---
id: demo
lang: ${lang}
title: Demo
collection: guide
jurisdictions: [US]
updated: 2026-11-30
review_by: 2027-05-30
sources:
  - { title: "Demo source" }
---
${body}
`;

const card = (overrides: Record<string, unknown> = {}) => ({
  id: 'demo-deadline',
  kind: 'deadline',
  en: {
    section: 'Key deadlines',
    q: 'What is the deadline?',
    also: ['demo deadline'],
    a: 'The response is due 20 days after service.',
  },
  zh: { section: '关键期限', q: '期限是多久？', also: ['期限'], a: '答辩应在送达后20天内提交。' },
  ...overrides,
});

describe('answer cards loader', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iprisk-cards-'));
    await mkdir(join(dir, 'guides'));
    await mkdir(join(dir, 'cards'));
    await writeFile(
      join(dir, 'guides/demo.en.md'),
      doc(
        'en',
        '## Key deadlines\n\nThe response is due 20 days after service.\n\n## Other\n\nIt costs 50 dollars.',
      ),
    );
    await writeFile(
      join(dir, 'guides/demo.zh.md'),
      doc('zh', '## 关键期限\n\n答辩应在送达后20天内提交。\n\n## 其他\n\n费用为50美元。'),
    );
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function load(cards: unknown[]) {
    await writeFile(
      join(dir, 'cards/demo.yaml'),
      JSON.stringify({ doc: 'demo', updated: '2026-11-30', cards }),
    );
    const { documents } = await loadKnowledge(dir);
    return loadCards(dir, documents, (kind) => ['deadline', 'steps'].includes(kind));
  }

  it('loads a card that cites a real section and states only its figures', async () => {
    const { cards, problems } = await load([card()]);
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({ id: 'demo-deadline', docId: 'demo', markets: ['US'] });
  });

  it.each([
    ['an unknown kind', { kind: 'poem' }, /unknown kind/u],
    ['a section that is not a heading', { en: { ...card().en, section: 'Nowhere' } }, /not a heading/u],
    [
      'a figure its section does not state',
      { en: { ...card().en, a: 'The response is due 30 days after service.' } },
      /states 30/u,
    ],
    [
      'a figure stated only in another section',
      { en: { ...card().en, a: 'The response is due 20 days after service and costs 50 dollars.' } },
      /states 50/u,
    ],
    ['different figures in zh and en', { zh: { ...card().zh, a: '答辩应尽快提交。' } }, /different figures/u],
  ])('reports %s with the card and a reason, and skips it', async (_name, overrides, reason) => {
    const { cards, problems } = await load([card(overrides)]);
    expect(cards).toEqual([]);
    expect(problems[0]?.path).toBe('cards/demo.yaml#demo-deadline');
    expect(problems[0]?.reason).toMatch(reason);
  });

  it('rejects a card file whose document does not exist in both languages', async () => {
    await writeFile(
      join(dir, 'cards/other.yaml'),
      JSON.stringify({ doc: 'missing', updated: '2026-11-30', cards: [card()] }),
    );
    const { documents } = await loadKnowledge(dir);
    const { problems } = await loadCards(dir, documents, () => true);
    expect(problems.some((p) => p.path === 'cards/other.yaml' && /zh and en/u.test(p.reason))).toBe(true);
  });
});

describe('figures two translations must share', () => {
  it('reads amounts in Chinese numerals as the digits English writes', () => {
    expect(comparableFigures('要价超过一千万欧元', 'zh')).toBe(
      comparableFigures('more than 10 million euros', 'en'),
    );
    expect(comparableFigures('罚款两百万元', 'zh')).toBe('2000000');
    expect(comparableFigures('依据第三十三条', 'zh')).toBe('33');
  });

  it('leaves vague amounts alone', () => {
    expect(comparableFigures('应诉成本可能达数十万美元', 'zh')).toBe('');
    expect(comparableFigures('千万不要签字', 'zh')).toBe('');
  });
});
