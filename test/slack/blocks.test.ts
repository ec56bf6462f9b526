import { describe, expect, it } from 'vitest';
import {
  answerMessages,
  BLOCKS_MAX,
  escapeMrkdwn,
  SECTION_MAX,
  splitText,
  TEXT_MAX,
} from '../../adapters/slack/blocks.ts';
import type { StoredAnswer } from '../../adapters/slack/stores.ts';
import { textSections } from '../../src/answer/compose.ts';

const stored = (answer: string, extra: Partial<StoredAnswer['result']> = {}): StoredAnswer => ({
  question: 'q',
  indexVersion: 'v1',
  result: {
    answer,
    sections: textSections(answer),
    lang: 'en',
    abstained: false,
    suggestAssistance: false,
    citations: [{ id: 'a', title: 'Guide <A> & B', collection: 'guide', section: 'Deadlines' }],
    ...extra,
  },
});

type Block = {
  type: string;
  text?: { text: string };
  elements?: Array<{ action_id?: string; text?: unknown }>;
};
const sectionTexts = (blocks: unknown[]) =>
  (blocks as Block[]).filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');
const actionIds = (blocks: unknown[]) =>
  (blocks as Block[]).flatMap((b) =>
    b.type === 'actions' ? (b.elements ?? []).map((e) => e.action_id) : [],
  );

describe('Slack Block Kit', () => {
  it('escapes &, < and > in answers and citations', () => {
    expect(escapeMrkdwn('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    const [message] = answerMessages(stored('Use <@here> & *bold*'), { answerId: 'id1' });
    expect(sectionTexts(message?.blocks ?? [])).toEqual(['Use &lt;@\u200Dhere&gt; &amp; *bold*']);
    expect(message?.text).toBe('Use &lt;@\u200Dhere&gt; &amp; *bold*');
    expect(JSON.stringify(message?.blocks)).toContain('Guide &lt;A&gt; &amp; B — Deadlines');
  });

  it('splits a long answer into sections within Slack limits, keeping every word', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
    const messages = answerMessages(stored(words), { answerId: 'id1' });
    expect(messages).toHaveLength(1);
    const sections = sectionTexts(messages[0]?.blocks ?? []);
    expect(sections.length).toBeGreaterThan(1);
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(SECTION_MAX);
    expect(sections.join(' ')).toBe(words);
    expect(messages[0]?.text.length).toBeLessThanOrEqual(TEXT_MAX);
  });

  it('spreads a very long answer over several messages, buttons on the last', () => {
    const messages = answerMessages(stored('长'.repeat(200_000)), { answerId: 'id1' });
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(BLOCKS_MAX);
      expect(message.text.length).toBeLessThanOrEqual(TEXT_MAX);
    }
    expect(messages.flatMap((m) => sectionTexts(m.blocks)).join('')).toBe('长'.repeat(200_000));
    expect(actionIds(messages.at(-1)?.blocks ?? [])).toEqual(['iprisk_vote_up', 'iprisk_vote_down']);
    expect(actionIds(messages[0]?.blocks ?? [])).toEqual([]);
  });

  it('never cuts through an entity or a surrogate pair', () => {
    const escaped = escapeMrkdwn(`${'a'.repeat(SECTION_MAX - 2)}&b`);
    const pieces = splitText(escaped);
    expect(pieces.join('')).toBe(escaped);
    expect(pieces[1]?.startsWith('&amp;')).toBe(true);
    const emoji = splitText(`${'a'.repeat(SECTION_MAX - 1)}😀x`);
    expect(emoji.join('')).toBe(`${'a'.repeat(SECTION_MAX - 1)}😀x`);
    expect(emoji[1]?.startsWith('😀')).toBe(true);
  });

  it('adds assistance and share buttons when asked for, labelled in the answer’s language', () => {
    const [message] = answerMessages(stored('答案', { lang: 'zh', suggestAssistance: true }), {
      answerId: 'id1',
      share: true,
    });
    expect(actionIds(message?.blocks ?? [])).toEqual([
      'iprisk_vote_up',
      'iprisk_vote_down',
      'iprisk_assistance',
      'iprisk_share',
    ]);
    expect(JSON.stringify(message?.blocks)).toContain('申请专家协助');
    expect(JSON.stringify(message?.blocks)).toContain('来源');
  });
});
