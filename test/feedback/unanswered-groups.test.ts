import { describe, expect, it } from 'vitest';
import { groupUnanswered, type QuestionReader } from '../../src/feedback/unanswered-groups.ts';
import type { UnansweredEntry } from '../../src/feedback/unanswered-store.ts';
import { createTokenizer } from '../../src/text/tokenizer.ts';

const tokenizer = createTokenizer();
// A small market reader for the test: the real one is the index's market table.
const names: Record<string, string> = { chile: 'CL', peru: 'PE', 智利: 'CL' };
const reader: QuestionReader = {
  terms: (text) => tokenizer.terms(text),
  markets: (text) =>
    Object.entries(names)
      .filter(([name]) => text.toLowerCase().includes(name))
      .map(([, code]) => code),
};

let clock = 0;
const entry = (question: string, extra: Partial<UnansweredEntry> = {}): UnansweredEntry => ({
  kind: 'abstained',
  platform: 'telegram',
  lang: /\p{Script=Han}/u.test(question) ? 'zh' : 'en',
  question,
  indexVersion: 'v1',
  at: new Date(Date.UTC(2026, 10, 1, 0, clock++)).toISOString(),
  ...extra,
});

/** The store gives entries newest first. */
const newestFirst = (entries: UnansweredEntry[]) => [...entries].reverse();

describe('grouping unanswered questions', () => {
  it('counts the same question asked again (other case, punctuation, a few words more) once', () => {
    const groups = groupUnanswered(
      newestFirst([
        entry('How long is the trademark opposition period in Chile?'),
        entry('how long is the trademark opposition period in chile'),
        entry('How long is the opposition period for a trademark in Chile', { platform: 'slack' }),
      ]),
      reader,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      count: 3,
      question: 'How long is the opposition period for a trademark in Chile',
      platforms: ['telegram', 'slack'],
    });
    expect(groups[0]?.wordings).toContain('how long is the trademark opposition period in chile');
  });

  it('keeps the same words about another market, another language or another matter apart', () => {
    const groups = groupUnanswered(
      newestFirst([
        entry('How long is the trademark opposition period in Chile?'),
        entry('How long is the trademark opposition period in Peru?'),
        entry('智利商标异议期是多久？'),
        entry('How much does a patent translation cost in Chile?'),
      ]),
      reader,
    );
    expect(groups.map((g) => g.count)).toEqual([1, 1, 1, 1]);
  });

  it('puts the group asked most recently first and keeps its id as it grows', () => {
    const first = entry('Can we register a plant variety in Peru?');
    const other = entry('How long is the trademark opposition period in Chile?');
    const before = groupUnanswered(newestFirst([first, other]), reader);
    const after = groupUnanswered(
      newestFirst([first, other, entry('can we register a plant variety in peru')]),
      reader,
    );
    expect(before[0]?.question).toContain('Chile');
    expect(after[0]?.question).toContain('peru');
    expect(after[0]?.id).toBe(before.find((g) => g.question.includes('Peru'))?.id);
    expect(after[0]?.count).toBe(2);
  });

  it('separates declined questions from answers rated 👎 and keeps the rated answer', () => {
    const [group] = groupUnanswered(
      newestFirst([
        entry('What does Section 337 cost?'),
        entry('What does Section 337 cost?', { kind: 'down', answer: 'A wrong answer.' }),
      ]),
      reader,
    );
    expect(group).toMatchObject({
      count: 2,
      abstained: 1,
      down: 1,
      answers: ['A wrong answer.'],
      status: 'open',
    });
  });
});
