import { describe, expect, it } from 'vitest';
import { escapeHtml, formatAnswer, fullSources, htmlToPlain } from '../../adapters/telegram/format.ts';

describe('Telegram HTML formatting', () => {
  it('escapes &, < and > in user and knowledge text', () => {
    expect(escapeHtml('a < b && c > d <b>')).toBe('a &lt; b &amp;&amp; c &gt; d &lt;b&gt;');
    expect(htmlToPlain('<b>x</b> &lt;y&gt; &amp; &#39;z&#x27;')).toBe("x <y> & 'z'");
  });

  it('replaces the composer’s Sources line with a bold compact list, before the disclaimer', () => {
    const html = formatAnswer({
      answer:
        'Due in 20 days <b>.\n\nSources: A & B — Key deadlines; A & B — FAQ\nGeneral information, not legal advice.',
      lang: 'en',
      citations: [
        { id: 'a', title: 'A & B', collection: 'guide', section: 'Key deadlines' },
        { id: 'a', title: 'A & B', collection: 'guide', section: 'FAQ' },
      ],
    });
    expect(html).toBe(
      'Due in 20 days &lt;b&gt;.\n\n<b>Sources</b>\n• A &amp; B\n\n<i>General information, not legal advice.</i>',
    );
  });

  it('uses 来源 for Chinese answers and appends the list when the answer has no sources line', () => {
    const html = formatAnswer({
      answer: '答辩期限为20天。',
      lang: 'zh',
      citations: [{ id: 'x', title: '测试:337', collection: 'guide' }],
    });
    expect(html).toBe('答辩期限为20天。\n\n<b>来源</b>\n• 测试:337');
  });

  it('shows no sources block for an answer without citations', () => {
    expect(formatAnswer({ answer: "I don't have <verified> guidance.", lang: 'en', citations: [] })).toBe(
      "I don't have &lt;verified&gt; guidance.",
    );
  });

  it('lists every cited section in the expanded sources', () => {
    expect(
      fullSources(
        [
          { id: 'a', title: 'Guide <A>', collection: 'guide', section: 'Deadlines' },
          { id: 'c', title: '案例', collection: 'case' },
        ],
        'zh',
      ),
    ).toBe('<b>来源</b>\n1. <b>Guide &lt;A&gt;</b> — Deadlines <i>(指引)</i>\n2. <b>案例</b> <i>(案例)</i>');
  });
});
