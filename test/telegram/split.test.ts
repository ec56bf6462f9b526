import { describe, expect, it } from 'vitest';
import { formatAnswer } from '../../adapters/telegram/format.ts';
import { MESSAGE_LIMIT, splitHtml } from '../../adapters/telegram/split.ts';
import { balanced, longAnswer } from './harness.ts';

const visible = (html: string) => html.replace(/<[^>]*>/gu, '');

describe('splitHtml', () => {
  it('leaves a message within the limit alone', () => {
    expect(splitHtml('<b>short</b> answer')).toEqual(['<b>short</b> answer']);
    expect(splitHtml('  \n ')).toEqual([]);
  });

  it('splits a >4096-character answer with tags at paragraph breaks, each part well-formed', () => {
    const html = formatAnswer(longAnswer());
    expect(html.length).toBeGreaterThan(2 * MESSAGE_LIMIT);
    const parts = splitHtml(html);
    expect(parts.length).toBe(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(balanced(part)).toBe(true);
      // Paragraph boundaries: every part starts a paragraph and ends one.
      expect(part).toMatch(/^Paragraph \d+:/u);
      expect(part).toMatch(/(step\.|<\/i>)$/u);
    }
    // Nothing lost or duplicated apart from the whitespace at the cuts.
    const words = (text: string) => text.split(/\s+/u).filter(Boolean);
    expect(words(parts.join(' '))).toEqual(words(html));
  });

  it('closes a tag open at a cut and reopens it in the next part', () => {
    const html = `<b>${'word '.repeat(1000)}</b>\n\n<i>${'说明。'.repeat(1500)}</i>`;
    const parts = splitHtml(html);
    expect(parts.length).toBe(4);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(balanced(part)).toBe(true);
    }
    expect(parts[0]).toMatch(/^<b>word.*word<\/b>$/su);
    // The bold paragraph's tail is a part of its own: the paragraph break is preferred.
    expect(parts[1]).toMatch(/^<b>word.*word ?<\/b>$/su);
    // The Chinese paragraph is cut after a full stop, not mid-sentence.
    expect(parts[2]).toMatch(/^<i>说明。.*说明。<\/i>$/su);
    expect(parts[3]).toMatch(/^<i>说明。.*说明。<\/i>$/su);
    expect(visible(parts.join('')).replace(/\s+/gu, '')).toBe(visible(html).replace(/\s+/gu, ''));
  });

  it('never cuts inside an entity or a tag, and falls back to sentences, words, then characters', () => {
    const entities = '&amp;'.repeat(1000);
    for (const part of splitHtml(entities)) expect(part).toMatch(/^(&amp;)+$/u);

    const sentences = 'One sentence here. '.repeat(400);
    for (const part of splitHtml(sentences)) expect(part).toMatch(/\.$/u);

    const linkHtml = `<a href="https://example.com/${'x'.repeat(50)}">${'link text '.repeat(600)}</a>`;
    const parts = splitHtml(linkHtml);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.startsWith('<a href="https://example.com/')).toBe(true);
      expect(part.endsWith('</a>')).toBe(true);
      expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    }

    const noSpaces = 'x'.repeat(10_000);
    expect(splitHtml(noSpaces).map((p) => p.length)).toEqual([4096, 4096, 1808]);
  });

  it('keeps surrogate pairs (emoji) whole', () => {
    const parts = splitHtml('😀'.repeat(3000));
    for (const part of parts) expect(part).toMatch(/^(😀)+$/u);
    expect(parts.join('')).toBe('😀'.repeat(3000));
  });

  it('respects a custom limit including the reopened and closing tags', () => {
    const parts = splitHtml(`<b><i>${'ab cd ef gh '.repeat(20)}</i></b>`, 50);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(50);
      expect(part).toMatch(/^<b><i>.*<\/i><\/b>$/u);
    }
  });
});
