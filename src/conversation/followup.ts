import { findJurisdictions, stripJurisdictions } from '../knowledge/jurisdictions.ts';
import type { Topic } from './state.ts';

const englishOpeners =
  /^\s*(and|but|so|also|then|what about|how about|what if|and what|and if|same for|in|for|if)\b/iu;
const chineseOpeners = /^\s*(那|那么|那如果|如果|要是|假如|还有|另外|并且|而且|同样|换成|改成|在)/u;
const chineseTail = /呢\s*[??]?\s*$/u;
// "Can it be extended?", "这个能延长吗?": a pronoun with nothing to refer to but the last topic.
const anaphora = /\b(it|that|this|they|them|those|these|there)\b|它|这个|那个|该期限|这种情况|这样/iu;

export interface Resolved {
  query: string;
  markets: string[];
  followUp: boolean;
  /**
   * What the user asks now, to read the kind of answer wanted from: "如果不答辩会怎样?" asks
   * about consequences even though the topic (and its "多久") comes from the previous question.
   * A bare change of market ("And in Japan?") keeps the previous question's intent.
   */
  intent: string;
}

function looksElliptical(question: string): boolean {
  const han = question.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = question.split(/\s+/u).filter((word) => /[a-z0-9]/iu.test(word)).length;
  const short = han > 0 ? han <= 14 : words <= 7;
  return (
    short &&
    (englishOpeners.test(question) ||
      chineseOpeners.test(question) ||
      chineseTail.test(question) ||
      anaphora.test(question))
  );
}

/**
 * Reads a question in the light of the previous one. "And in Japan?" swaps the market of the
 * previous question for Japan; "如果不答辩会怎样?" continues its topic. A self-contained question
 * starts a new topic.
 */
export function resolveFollowUp(question: string, previous: Topic | undefined): Resolved {
  const markets = findJurisdictions(question).map((m) => m.code);
  if (!previous || !looksElliptical(question))
    return { query: question, markets, followUp: false, intent: question };
  if (markets.length > 0) {
    const query = `${stripJurisdictions(previous.query)} ${question}`.trim();
    return { query, markets, followUp: true, intent: query };
  }
  return {
    query: `${previous.query} ${question}`.trim(),
    markets: previous.markets,
    followUp: true,
    intent: question,
  };
}
