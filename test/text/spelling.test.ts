import { describe, expect, it } from 'vitest';
import { createSpeller, editDistance } from '../../src/text/spelling.ts';

describe('typo repair', () => {
  const speller = createSpeller([
    'The opposition period is 3 months. Our factory ships containers; a trade secret was stolen.',
  ]);

  it('repairs a slip in a word the knowledge uses', () => {
    expect(speller.correct('oppostion perod')).toBe('opposition period');
  });

  it('leaves word forms of known words alone instead of turning them into other words', () => {
    expect(speller.correct('our factories shipped container')).toBe('our factories shipped container');
  });

  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('secert', 'secret', 2)).toBe(1);
  });

  it('does not turn a short word the knowledge lacks into one with another first letter', () => {
    const files = createSpeller(['Send the files to customs.']);
    expect(files.correct('our tiles were stopped')).toBe('our tiles were stopped');
    expect(files.correct('send the flies')).toBe('send the files');
  });
});
