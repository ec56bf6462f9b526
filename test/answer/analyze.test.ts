import { describe, expect, it } from 'vitest';
import { askingClause, askingSentence } from '../../src/answer/analyze.ts';

describe('what a long message asks', () => {
  it('takes the sentence that asks from a story', () => {
    expect(
      askingSentence('We sell lamps on Amazon. Our account was frozen yesterday. What should we do first?'),
    ).toBe('What should we do first?');
  });

  it('takes the last clause of that sentence, in English and in Chinese typed with spaces', () => {
    expect(
      askingClause(
        'In that example where a brand fought off a squatter in Vietnam, what evidence did they file?',
      ),
    ).toBe('what evidence did they file?');
    expect(askingClause('trade fair case study - what saved the exhibitor from the injunction?')).toBe(
      'what saved the exhibitor from the injunction?',
    );
    expect(askingClause('那个越南抢注的案例 当时提交了哪些证据')).toBe('当时提交了哪些证据');
  });

  it('keeps a question without clauses whole', () => {
    expect(askingClause('How long is the EUIPO opposition period?')).toBe(
      'How long is the EUIPO opposition period?',
    );
  });
});
