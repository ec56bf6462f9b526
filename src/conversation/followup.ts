import type { QuestionKinds } from '../answer/question-kinds.ts';
import type { MarketTable } from '../knowledge/markets.ts';
import type { Topic } from './state.ts';

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

function looksElliptical(question: string, kinds: QuestionKinds): boolean {
  const han = question.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = question.split(/\s+/u).filter((word) => /[a-z0-9]/iu.test(word)).length;
  const short = han > 0 ? han <= 14 : words <= 7;
  const cues = kinds.followUp;
  return short && (cues.opener(question) || cues.tail(question) || cues.pronoun(question));
}

/**
 * Reads a question in the light of the previous one. "And in Japan?" swaps the market of the
 * previous question for Japan; "如果不答辩会怎样?" continues its topic. A self-contained question
 * starts a new topic.
 */
export function resolveFollowUp(
  question: string,
  previous: Topic | undefined,
  deps: { markets: MarketTable; kinds: QuestionKinds },
): Resolved {
  const markets = deps.markets.find(question).map((m) => m.code);
  if (!previous || !looksElliptical(question, deps.kinds))
    return { query: question, markets, followUp: false, intent: question };
  if (markets.length > 0) {
    const query = `${deps.markets.strip(previous.query)} ${question}`.trim();
    return { query, markets, followUp: true, intent: query };
  }
  return {
    query: `${previous.query} ${question}`.trim(),
    markets: previous.markets,
    followUp: true,
    intent: question,
  };
}
