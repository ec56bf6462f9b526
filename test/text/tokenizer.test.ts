import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../../src/text/tokenizer.ts';

describe('tokenizer', () => {
  const tokenizer = createTokenizer();

  it('lets a hyphenated compound match its words written apart', () => {
    const joined = tokenizer.words('Is there a prior-use right?');
    const apart = tokenizer.words('does prior use count');
    expect(joined).toEqual(expect.arrayContaining(apart.filter((w) => w !== 'count')));
    expect(joined).toContain('prior-use');
  });

  it('keeps case numbers and figures whole', () => {
    expect(tokenizer.words('337-TA-1279 within 20 days')).toEqual(
      expect.arrayContaining(['337-ta-1279', '20']),
    );
  });
});
