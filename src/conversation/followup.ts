import { findJurisdictions, stripJurisdictions } from '../knowledge/jurisdictions.ts';
import type { Topic } from './state.ts';

const englishOpeners =
  /^\s*(and|but|so|also|then|what about|how about|what if|and what|and if|same for|in|for|if)\b/iu;
const chineseOpeners = /^\s*(那|那么|那如果|如果|要是|假如|还有|另外|并且|而且|同样|换成|改成|在)/u;
const chineseTail = /呢\s*[??]?\s*$/u;

export interface Resolved {
  query: string;
  markets: string[];
  followUp: boolean;
}

function looksElliptical(question: string): boolean {
  const han = question.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = question.split(/\s+/u).filter((word) => /[a-z0-9]/iu.test(word)).length;
  const short = han > 0 ? han <= 14 : words <= 7;
  return (
    short && (englishOpeners.test(question) || chineseOpeners.test(question) || chineseTail.test(question))
  );
}

/**
 * Reads a question in the light of the previous one. "And in Japan?" swaps the market of the
 * previous question for Japan; "如果不答辩会怎样?" continues its topic. A self-contained question
 * starts a new topic.
 */
export function resolveFollowUp(question: string, previous: Topic | undefined): Resolved {
  const markets = findJurisdictions(question).map((m) => m.code);
  if (!previous || !looksElliptical(question)) return { query: question, markets, followUp: false };
  if (markets.length > 0) {
    return { query: `${stripJurisdictions(previous.query)} ${question}`.trim(), markets, followUp: true };
  }
  return { query: `${previous.query} ${question}`.trim(), markets: previous.markets, followUp: true };
}
