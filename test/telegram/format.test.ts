import { describe, expect, it } from 'vitest';
import { escapeHtml, formatAnswer, fullSources, htmlToPlain } from '../../adapters/telegram/format.ts';

describe('Telegram HTML formatting', () => {
  it('escapes &, < and > in user and knowledge text', () => {
    expect(escapeHtml('a < b && c > d <b>')).toBe('a &lt; b &amp;&amp; c &gt; d &lt;b&gt;');
    expect(htmlToPlain('<b>x</b> &lt;y&gt; &amp; &#39;z&#x27;')).toBe("x <y> & 'z'");
  });

  it('renders the core’s sections: lead, first steps, offer, bold compact sources, disclaimer', () => {
    const html = formatAnswer({
      lang: 'en',
      sections: {
        lead: 'Due in 20 days <b>.',
        stepsTitle: 'First steps:',
        steps: ['Calendar the date.', 'Hire US counsel & local experts.'],
        assistance: 'An expert can help: request assistance.',
        citations: [
          { id: 'a', title: 'A & B', collection: 'guide', section: 'Key deadlines' },
          { id: 'a', title: 'A & B', collection: 'guide', section: 'FAQ' },
        ],
        sourcesLine: 'Sources: A & B — Key deadlines; A & B — FAQ',
        disclaimer: 'General information, not legal advice.',
      },
    });
    expect(html).toBe(
      'Due in 20 days &lt;b&gt;.\n\nFirst steps:\n1. Calendar the date.\n2. Hire US counsel &amp; local experts.\n\n' +
        'An expert can help: request assistance.\n\n<b>Sources</b>\n• A &amp; B\n\n<i>General information, not legal advice.</i>',
    );
  });

  it('uses 来源 for Chinese answers', () => {
    const html = formatAnswer({
      lang: 'zh',
      sections: {
        lead: '答辩期限为20天。',
        stepsTitle: '',
        steps: [],
        citations: [{ id: 'x', title: '测试:337', collection: 'guide' }],
      },
    });
    expect(html).toBe('答辩期限为20天。\n\n<b>来源</b>\n• 测试:337');
  });

  it('shows no sources block for an answer without citations', () => {
    expect(
      formatAnswer({
        lang: 'en',
        sections: { lead: "I don't have <verified> guidance.", stepsTitle: '', steps: [], citations: [] },
      }),
    ).toBe("I don't have &lt;verified&gt; guidance.");
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
