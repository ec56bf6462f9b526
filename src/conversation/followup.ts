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

function size(question: string): { han: number; words: number } {
  return {
    han: question.match(/\p{Script=Han}/gu)?.length ?? 0,
    words: question.split(/\s+/u).filter((word) => /[a-z0-9]/iu.test(word)).length,
  };
}

/**
 * Whether a question leans on the one before: it opens like a continuation ("And in Japan?",
 * "那如果…"), ends like one ("…呢?"), points back ("Can it be extended?"), or is a short question
 * with no IP subject of its own ("能延长吗?", "can we get more time?").
 */
function leansOnPrevious(question: string, deps: FollowUpDeps): boolean {
  const { han, words } = size(question);
  const cues = deps.kinds.followUp;
  const cued = cues.opener(question) || cues.tail(question) || cues.pronoun(question) || cues.check(question);
  const moderate = han > 0 ? han <= 30 : words <= 16;
  if (cued && moderate) return true;
  const short = han > 0 ? han <= 16 : words <= 10;
  // "How do I bake sourdough bread?" is short and names no IP subject, but its words are not the
  // knowledge's: it is a question of its own (off-topic), not a continuation.
  return short && !deps.hasSubject(question) && (deps.foreignWords?.(question) ?? 0) === 0;
}

export interface FollowUpDeps {
  markets: MarketTable;
  kinds: QuestionKinds;
  /** Whether the question names an IP subject of its own (a glossary term or IP vocabulary). */
  hasSubject: (question: string) => boolean;
  /** How many of the question's words the knowledge never uses. */
  foreignWords?: (question: string) => number;
}

/**
 * Reads a question in the light of the previous one. "And in Japan?" swaps the market of the
 * previous question for Japan; "如果不答辩会怎样?" continues its topic. A self-contained question
 * starts a new topic.
 */
export function resolveFollowUp(question: string, previous: Topic | undefined, deps: FollowUpDeps): Resolved {
  const named = deps.markets.find(question).map((m) => m.code);
  // "我们公司在中国呢?" after a US question says where the asker is, not a new market.
  const onlyHome =
    named.length > 0 &&
    named.every((code) => deps.markets.isHome(code)) &&
    deps.kinds.followUp.self(question);
  const markets = onlyHome && previous?.markets.some((code) => !deps.markets.isHome(code)) ? [] : named;
  if (!previous || !leansOnPrevious(question, deps))
    return { query: question, markets: named, followUp: false, intent: question };
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
