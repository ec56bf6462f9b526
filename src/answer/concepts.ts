import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';

/**
 * One thing the question asks about. A glossary term and its synonyms in both languages form one
 * concept ("customs detention" = "detained" = 海关扣留), so a passage that says it another way
 * still counts; an English word also half-matches words sharing its first five letters
 * ("renew"/"renewal", "extend"/"extension").
 */
export interface Concept {
  weight: number;
  /** Ways to say it: each a set of words that must all appear ("customs recordal" needs both). */
  alternatives: string[][];
  prefix: string | undefined;
  /** Only names a market: whether a passage is about that market is checked on its own. */
  market: boolean;
  /** Below 1 for a follow-up's carried-over topic words, so what is asked now decides. */
  emphasis?: number;
}

export interface TermView {
  has(term: string): boolean;
  hasPrefix(prefix: string): boolean;
}

const PREFIX = 5;

function prefixOf(term: string): string | undefined {
  return /^[a-z]{6,}$/u.test(term) ? term.slice(0, PREFIX) : undefined;
}

export function termView(terms: Iterable<string>): TermView {
  const set = new Set(terms);
  const prefixes = new Set<string>();
  for (const term of set) {
    const prefix = /^[a-z]{5,}$/u.test(term) ? term.slice(0, PREFIX) : undefined;
    if (prefix) prefixes.add(prefix);
  }
  return { has: (term) => set.has(term), hasPrefix: (prefix) => prefixes.has(prefix) };
}

export function questionConcepts(index: KnowledgeIndex, question: string): Concept[] {
  const isMarketName = (term: string) => index.markets.find(term).length > 0;
  // A word no passage contains is rarer than any that some passage does: it gets the highest weight.
  const idf = (term: string) => index.bm25.idf(term);
  // Words only: Chinese character bigrams help retrieval recall, but bigrams that straddle two
  // words of the question ("亚是", "是哪") are noise that no passage should be expected to contain.
  const remaining = new Set(index.tokenizer.words(question));
  const concepts: Concept[] = [];
  for (const entry of index.glossary.find(question)) {
    const phrases = [...entry.zh, ...entry.en]
      .map((term) => wordsOf(index, term))
      .filter((words) => words.length > 0);
    const vocabulary = new Set(phrases.flat());
    const consumed = [...remaining].filter((term) => vocabulary.has(term));
    if (consumed.length === 0) continue;
    for (const term of consumed) remaining.delete(term);
    concepts.push({
      weight: Math.max(...consumed.map(idf)),
      // The question's own words count alone; a synonym counts only as a whole phrase, so
      // "海关" alone does not stand in for "海关备案".
      alternatives: [...consumed.map((term) => [term]), ...phrases],
      prefix: undefined,
      market: consumed.every(isMarketName),
    });
  }
  for (const term of remaining) {
    const han = [...term].length === 2 && /\p{Script=Han}/u.test(term);
    // A two-character word also counts when the passage has it as a bigram of a longer word.
    concepts.push({
      weight: idf(term),
      alternatives: han ? [[term], [`#${term}`]] : [[term]],
      prefix: prefixOf(term),
      market: isMarketName(term),
    });
  }
  return concepts;
}

/** A phrase's words without the compounds jieba also yields (海关备案 → 海关, 备案). */
function wordsOf(index: KnowledgeIndex, phrase: string): string[] {
  const words = [...new Set(index.tokenizer.words(phrase))];
  return words.filter(
    (word) => !words.some((other) => other !== word && word.includes(other) && other.length < word.length),
  );
}

function credit(concept: Concept, view: TermView): number {
  if (concept.alternatives.some((words) => words.every((word) => view.has(word)))) return 1;
  return concept.prefix && view.hasPrefix(concept.prefix) ? 0.7 : 0;
}

/** Share of the question's concepts, weighted by rarity, that the text covers (0..1). */
export function weightedCoverage(concepts: Concept[], view: TermView): number {
  let total = 0;
  let found = 0;
  for (const concept of concepts) {
    const weight = concept.weight * (concept.emphasis ?? 1);
    total += weight;
    found += weight * credit(concept, view);
  }
  return total === 0 ? 0 : found / total;
}

/**
 * Rarity-weighted coverage favours distinctive terms ("APEX"); plain coverage keeps common but
 * decisive ones ("patent", "extension") from counting for nothing.
 */
export function blendedCoverage(concepts: Concept[], view: TermView): number {
  if (concepts.length === 0) return 0;
  // One pass: each concept's credit is looked up once for both measures (this runs per candidate card).
  let emphasis = 0;
  let plain = 0;
  let total = 0;
  let found = 0;
  for (const concept of concepts) {
    const stress = concept.emphasis ?? 1;
    const got = credit(concept, view);
    emphasis += stress;
    plain += got * stress;
    total += concept.weight * stress;
    found += concept.weight * stress * got;
  }
  return 0.6 * (total === 0 ? 0 : found / total) + 0.4 * (plain / emphasis);
}
