import type { types } from '@slack/bolt';
import type { AnswerSections } from '../../src/answer/compose.ts';
import type { Lang } from '../../src/text/lang.ts';
import { copy, say } from './copy.ts';
import type { StoredAnswer } from './stores.ts';

type KnownBlock = types.KnownBlock;

/** Slack's limits: section text, blocks per message, and the notification `text` we send. */
export const SECTION_MAX = 3000;
export const BLOCKS_MAX = 50;
export const TEXT_MAX = 4000;

export const ACTION = {
  voteUp: 'iprisk_vote_up',
  voteDown: 'iprisk_vote_down',
  share: 'iprisk_share',
  assistance: 'iprisk_assistance',
} as const;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * Makes outside text (a requester's form, a question, an answer) literal in Slack mrkdwn and in
 * a message's `text`. Slack's control characters are &, < and >; escaping them also disarms
 * `<!channel>` and `<@U…>`. A bare @here/@channel/@everyone can still notify (some clients and
 * `link_names` expand it), so a zero-width joiner after the @ keeps it readable but inert; an
 * address such as sales@channel.com is left as it is.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/(?<![\w.@])@(?=(?:here|channel|everyone)\b)/giu, '@\u200D');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Splits already-escaped text into pieces of at most `max` characters, preferring paragraph,
 * line and word boundaries, and never cutting through an entity such as `&amp;`.
 */
export function splitText(text: string, max = SECTION_MAX): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = -1;
    for (const boundary of ['\n\n', '\n', ' ']) {
      const at = window.lastIndexOf(boundary);
      if (at >= max / 2) {
        cut = at;
        break;
      }
    }
    if (cut < 0) {
      // No usable boundary (e.g. Chinese text): cut hard, but not inside an entity or a surrogate pair.
      cut = max;
      const amp = window.lastIndexOf('&');
      if (amp > max - 6 && !window.slice(amp).includes(';')) cut = amp;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger') => ({
  type: 'button' as const,
  text: { type: 'plain_text' as const, text, emoji: true },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

function citationsBlock(answer: StoredAnswer, lang: Lang): KnownBlock | undefined {
  const { citations } = answer.result;
  if (citations.length === 0) return undefined;
  const items = citations.map((c) => escapeMrkdwn(c.section ? `${c.title} — ${c.section}` : c.title));
  return {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: truncate(
          `*${say('sources', lang)}${lang === 'zh' ? '：' : ':'}* ${items.join(' · ')}`,
          SECTION_MAX,
        ),
      },
    ],
  };
}

/**
 * The answer's text from the core's sections: lead, first steps, the assistance offer and the
 * disclaimer. Sources are not in it: Slack shows them once, in the citations block.
 */
function answerText(sections: AnswerSections): string {
  const steps =
    sections.steps.length > 0
      ? [sections.stepsTitle, ...sections.steps.map((step, i) => `${i + 1}. ${step}`)].join('\n')
      : '';
  return [sections.lead, steps, sections.assistance ?? '', sections.disclaimer ?? '']
    .filter((part) => part !== '')
    .join('\n\n');
}

export interface AnswerBlockOptions {
  answerId: string;
  /** The private (slash command) answer offers to post itself to the channel. */
  share?: boolean;
  /** Who shared it, shown under a shared answer. */
  sharedBy?: string;
}

/**
 * An answer as one or more Slack messages: the question when shared, the answer in mrkdwn
 * sections, then its citations and buttons on the last message. Long answers spill into further
 * messages so each stays within Slack's block and text limits.
 */
export function answerMessages(answer: StoredAnswer, options: AnswerBlockOptions): SlackMessage[] {
  const { lang } = answer.result;
  const tail: KnownBlock[] = [];
  const citations = citationsBlock(answer, lang);
  if (citations) tail.push(citations);
  if (options.sharedBy)
    tail.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: copy.sharedBy[lang](options.sharedBy) }],
    });
  const buttons = [
    button(say('voteUp', lang), ACTION.voteUp, options.answerId),
    button(say('voteDown', lang), ACTION.voteDown, options.answerId),
  ];
  if (answer.result.suggestAssistance)
    buttons.push(button(say('requestAssistance', lang), ACTION.assistance, options.answerId, 'primary'));
  if (options.share) buttons.push(button(say('share', lang), ACTION.share, options.answerId));
  tail.push({ type: 'actions', block_id: `iprisk_answer_${options.answerId}`, elements: buttons });

  const body: string[] = [];
  // In a channel, readers who did not see the private exchange need to know what was asked.
  if (options.sharedBy)
    body.push(
      truncate(
        `*${say('question', lang)}${lang === 'zh' ? '：' : ':'}* ${escapeMrkdwn(answer.question)}`,
        SECTION_MAX,
      ),
    );
  body.push(...splitText(escapeMrkdwn(answerText(answer.result.sections))));
  // Every message leaves room for the tail, so the last one can always take it.
  const perMessage = BLOCKS_MAX - tail.length;
  const messages: SlackMessage[] = [];
  for (let start = 0; start < Math.max(body.length, 1); start += perMessage) {
    const group = body.slice(start, start + perMessage);
    messages.push({
      text: truncate(group.join('\n\n'), TEXT_MAX),
      blocks: group.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } })),
    });
  }
  const last = messages[messages.length - 1];
  if (last) {
    last.blocks.push(...tail);
    if (last.text === '') last.text = say('sources', lang);
  }
  return messages;
}

/** A plain notice (help, refusal, confirmation) as mrkdwn text. */
export function noticeMessage(text: string): SlackMessage {
  const escaped = escapeMrkdwn(text);
  return {
    text: truncate(escaped, TEXT_MAX),
    blocks: splitText(escaped)
      .slice(0, BLOCKS_MAX)
      .map((piece) => ({ type: 'section', text: { type: 'mrkdwn', text: piece } })),
  };
}
