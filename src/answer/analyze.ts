import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { splitSentences } from '../text/sentences.ts';

/** Where the asking sentence is: the last one with a question mark, else the last one. */
function askingAt(sentences: string[]): number {
  for (let i = sentences.length - 1; i >= 0; i -= 1) if (/[?？]/u.test(sentences[i] ?? '')) return i;
  return sentences.length - 1;
}

/** The sentence that asks: the last one with a question mark, else the last one. */
export function askingSentence(text: string): string {
  const sentences = splitSentences(text);
  return sentences[askingAt(sentences)] ?? text;
}

/**
 * The last clause of the asking sentence: "In that case where X happened, what evidence did they
 * file?" asks about evidence, whatever X says. Clauses end at commas, semicolons, colons and
 * dashes, and in Chinese typed without punctuation at spaces between characters.
 */
export function askingClause(text: string): string {
  const sentence = askingSentence(text);
  const clauses = sentence
    .split(/\s*[,，;；:：]\s*|\s+[-–—]+\s+|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u)
    .filter((clause) => /[\p{L}\p{N}]/u.test(clause));
  return clauses.at(-1) ?? sentence;
}

/** What a question is about, read from the data files before any passage is searched. */
export interface QuestionAnalysis {
  /** Markets asked about. The home market counts only when no other is named ("our Shenzhen factory"). */
  markets: string[];
  /** Markets asked about that no document covers. */
  uncovered: string[];
  /** Kinds of answer wanted (deadline, steps, ...), read from what is asked now. */
  kinds: string[];
  /** Market-bound topics (litigation, customs ...). */
  topics: string[];
  /** Whether the question is about RCEP: then RCEP notes speak for their parties. */
  aboutRcep: boolean;
  /** IP vocabulary: an IP question, even when we cannot answer it. */
  domain: boolean;
  /** The user describes a dispute happening to them now. */
  activeDispute: boolean;
  /** IP matters the knowledge does not cover that the question is about. */
  uncoveredMatters: string[];
  /** Online marketplaces named, and those no document speaks of. */
  platforms: string[];
  uncoveredPlatforms: string[];
}

export function analyzeQuestion(
  index: KnowledgeIndex,
  query: string,
  intent: string,
  named: string[],
  original: string,
): QuestionAnalysis {
  // The home market is who asks ("our Ningbo factory"), unless it is the only place named and
  // nothing says the question is about somewhere abroad.
  const foreign = named.filter((code) => !index.markets.isHome(code));
  const homeAsSubject = index.markets.namesHomeAsSubject(query);
  const implied = named.length === 0 ? index.markets.implied(query) : [];
  // A trade agreement named (RCEP) is about its other parties, as "overseas" is.
  const aboutRcep = index.markets.agreements(query).includes('RCEP');
  const markets =
    implied.length > 0
      ? implied
      : foreign.length > 0
        ? homeAsSubject
          ? named
          : foreign
        : (index.markets.mentionsAbroad(query) || aboutRcep) && !homeAsSubject
          ? []
          : named;
  const platforms = index.kinds.platformsOf(query);
  return {
    markets,
    uncovered: markets.filter((code) => !index.coverage.covers(code, aboutRcep)),
    kinds: index.kinds.kindsOf(intent),
    topics: index.kinds.topicsOf(query),
    aboutRcep,
    domain:
      index.kinds.hasDomainWords(query) ||
      index.glossary.find(query).some((entry) => entry.topical !== false) ||
      namesKnownSpecifics(index, query),
    activeDispute: index.kinds.describesActiveDispute(original),
    uncoveredMatters: index.kinds.uncoveredMatters(query),
    platforms,
    uncoveredPlatforms: platforms.filter((platform) => !index.coverage.coversPlatform(platform)),
  };
}

export type ScopeDecision =
  | { inScope: true }
  | { inScope: false; reason: 'market'; markets: string[] }
  | { inScope: false; reason: 'topic'; markets: string[]; topic: string }
  | { inScope: false; reason: 'matter'; matters: string[] }
  | { inScope: false; reason: 'platform'; platforms: string[] };

/**
 * A question about a market no document covers, or about a market-bound topic (a lawsuit, a
 * customs detention) that no document about that market covers, is declined before retrieval:
 * the nearest passage would be another market's rule.
 */
export function scopeGate(index: KnowledgeIndex, analysis: QuestionAnalysis, query: string): ScopeDecision {
  const { markets, uncovered, aboutRcep } = analysis;
  if (analysis.uncoveredMatters.length > 0)
    return { inScope: false, reason: 'matter', matters: analysis.uncoveredMatters };
  // A marketplace no document speaks of has its own complaint rules: Amazon's do not answer for it.
  const { platforms, uncoveredPlatforms } = analysis;
  if (platforms.length > 0 && uncoveredPlatforms.length === platforms.length)
    return { inScope: false, reason: 'platform', platforms: uncoveredPlatforms };
  if (markets.length === 0) return { inScope: true };
  if (uncovered.length === markets.length) return { inScope: false, reason: 'market', markets: uncovered };
  // "We registered in the US; what is the opposition period in Argentina?", "秘鲁的异议期多久？跟墨西哥
  //一样吗？": a sentence that asks names a market we do not cover, so an answer would be about
  // another one, whatever else is named beside it. A market named only to compare ("like the EU")
  // is not asked about. "这两个国家…" points back: with no market in the asking sentences, the
  // markets are those of the nearest earlier sentence naming any.
  const sentences = splitSentences(query);
  const at = askingAt(sentences);
  const asking = sentences.filter((sentence, i) => i === at || (i < at && /[?？]/u.test(sentence)));
  const named = [...new Set(asking.flatMap((sentence) => askedIn(index, sentence)))];
  const asked =
    named.length > 0
      ? named
      : (sentences
          .slice(0, at)
          .reverse()
          .map((sentence) => askedIn(index, sentence))
          .find((codes) => codes.length > 0) ?? []);
  const askedUncovered = uncovered.filter((code) => asked.includes(code));
  if (askedUncovered.length > 0) return { inScope: false, reason: 'market', markets: askedUncovered };
  const covered = markets.filter((code) => !uncovered.includes(code));
  // A question touching several topics ("customs held it; when must they go to court?") is in
  // scope when any of them is covered for the market; only a wholly uncovered matter is declined.
  const coveredTopic = analysis.topics.some((topic) =>
    covered.some((code) => index.coverage.coversTopic(code, topic, aboutRcep)),
  );
  const topic = analysis.topics[0];
  if (topic !== undefined && !coveredTopic)
    return { inScope: false, reason: 'topic', markets: covered, topic };
  return { inScope: true };
}

/** Markets a sentence asks about: those it names, less those it names only to compare ("like the German one"). */
function askedIn(index: KnowledgeIndex, sentence: string): string[] {
  const compared = new Set(
    index.kinds.compared(sentence).flatMap((span) => index.markets.find(span).map((m) => m.code)),
  );
  return index.markets
    .find(sentence)
    .map((m) => m.code)
    .filter((code) => !compared.has(code));
}

/** A word only one or two documents use: a party, a product, a case name. */
const SPECIFIC_MAX_DOCUMENTS = 1;

/**
 * "Hisense v BSH, how much did BSH ask for?" has no IP vocabulary, yet names two things only our
 * case documents mention: a question about them is in scope. One such word is a coincidence.
 */
function namesKnownSpecifics(index: KnowledgeIndex, query: string): boolean {
  const specifics = [...new Set(index.tokenizer.words(query))].filter((word) => {
    if ([...word].length < 2 || /^\d+$/u.test(word) || index.markets.find(word).length > 0) return false;
    const passages = index.bm25.passagesWith(word);
    // A word in more passages than two documents' worth of sections is not specific.
    if (passages.length > 40) return false;
    const documents = new Set(passages.map((position) => index.chunks[position]?.docId));
    return documents.size > 0 && documents.size <= SPECIFIC_MAX_DOCUMENTS;
  });
  return specifics.length >= 3;
}
