import { describe, expect, it } from 'vitest';
import { answerKeyboard, callbackData, parseCallback } from '../../adapters/telegram/keyboard.ts';

describe('answer keyboard', () => {
  it('round-trips callback data within 64 bytes', () => {
    for (const action of ['up', 'down', 'sources', 'assist'] as const) {
      const data = callbackData(action, 'AbC-12_xyz');
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(parseCallback(data)).toEqual({ action, answerId: 'AbC-12_xyz' });
    }
    expect(parseCallback('fb+:')).toBeUndefined();
    expect(parseCallback('other:abc')).toBeUndefined();
  });

  it('shows Sources only with citations and assistance only when suggested', () => {
    const labels = (k: ReturnType<typeof answerKeyboard>) =>
      k.inline_keyboard.map((row) => row.map((b) => b.text));
    expect(labels(answerKeyboard('id', 'en', { sources: true, assist: true }))).toEqual([
      ['👍', '👎', 'Sources'],
      ['Request assistance'],
    ]);
    expect(labels(answerKeyboard('id', 'zh', { sources: false, assist: false }))).toEqual([['👍', '👎']]);
  });
});
