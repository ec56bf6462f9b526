import { describe, expect, it } from 'vitest';
import { freshnessOf } from '../../src/knowledge/freshness.ts';

describe('knowledge freshness', () => {
  const docs = [
    { key: 'a/en', path: 'guides/a.en.md', updated: '2026-11-01', reviewBy: '2027-05-01' },
    { key: 'b/en', path: 'guides/b.en.md', updated: '2026-06-01', reviewBy: '2026-11-01' },
    { key: 'c/en', path: 'guides/c.en.md', updated: '2025-06-01', reviewBy: '2027-01-01' },
  ];

  it('lists documents past their review date, oldest first', () => {
    const { pastReviewBy } = freshnessOf(docs, new Date('2026-11-30T00:00:00Z'));
    expect(pastReviewBy).toEqual([{ key: 'b/en', path: 'guides/b.en.md', reviewBy: '2026-11-01' }]);
  });

  it('lists documents not updated for more than a year, whatever their review date says', () => {
    const { olderThanAYear } = freshnessOf(docs, new Date('2026-11-30T00:00:00Z'));
    expect(olderThanAYear.map((d) => d.key)).toEqual(['c/en']);
  });

  it('has nothing due on the day the knowledge was written', () => {
    const due = freshnessOf(docs.slice(0, 1), new Date('2026-11-30T00:00:00Z'));
    expect(due).toEqual({ pastReviewBy: [], olderThanAYear: [] });
  });
});
