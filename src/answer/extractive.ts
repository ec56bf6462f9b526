import type { Chunk } from '../knowledge/chunk.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import type { ScoredChunk } from '../retrieval/retriever.ts';
import type { Lang } from '../text/lang.ts';
import type { Citation } from './answer.ts';
import { candidateSentences, numberedSteps } from './candidates.ts';
import {
  blendedCoverage,
  type Concept,
  questionConcepts,
  type TermView,
  termView,
  weightedCoverage,
} from './concepts.ts';
import { subjectMarkets } from './coverage.ts';
import { defaultTuning, type Tuning } from './tuning.ts';

export interface Evidence {
  sentences: Array<{ text: string; chunk: Chunk; score: number }>;
  steps: string[];
  citations: Citation[];
  /** Share of the question's weighted terms found in the best passage (0..1). */
  coverage: number;
  /** How many of the question's concepts are about the topic rather than a market. */
  topicalConcepts: number;
}

const unitPatterns: Array<[RegExp, RegExp]> = [
  [
    /\b(days?|working days|business days)\b|几天|多少天|几个工作日|多少个工作日|多少日/iu,
    /\d+\s*(calendar |working |business )?days?\b|\d+\s*(个)?(工作日|日历日|天|日)/iu,
  ],
  [/\bmonths?\b|几个月|多少个月/iu, /\d+\s*months?\b|\d+\s*(个)?月/iu],
  [/\byears?\b|几年|多少年/iu, /\b\d{1,2}\s*years?\b|(?<!\d)\d{1,2}\s*年(?!\d)/iu],
];

/** The unit a question counts in ("how many days"), as patterns of a number in that unit. */
function unitsAsked(question: string): RegExp[] {
  const named = unitPatterns.filter(([asked]) => asked.test(question)).map(([, answer]) => answer);
  if (named.length > 0) return named;
  // "How long" wants a duration in any unit, not a year or a count.
  return durationQuestion.test(question) ? unitPatterns.map(([, answer]) => answer) : [];
}

const durationQuestion = /\bhow (long|soon|quickly|fast)\b|多久|多长时间|多长|多快|期限是/iu;

/** A quantity with its unit, a percentage, an amount or a year: what "how long/when/how many" wants. */
const figure =
  /\d+(\.\d+)?\s*(-|–|to|至)?\s*\d*\s*(calendar |working |business )?(days?|months?|years?|weeks?|hours?|%|units?|kg)\b|\d[\d,]*\s*(个)?(工作日|日历日|天|日|个月|月|年|周|小时|%|件|家|个)|[$€£¥]\s?\d|\d+\s*(usd|eur|rmb|美元|欧元|元)|(?<![/\d])\b(19|20)\d{2}\b|[一二三四五六七八九十百两]+\s*(个)?(天|日|年|月|周|工作日|件)/iu;
const leansOnContext =
  /^(it|this|that|these|those|they|such|however|also|then|thereafter|in that case)\b|^(其|该|此|这|这些|那|但|不过|此外|另外|同时|其后|之后|然后)/iu;

/**
 * Whether a sentence says what another already says: the same figures and mostly the same
 * words. Documents restate key facts (in a section and again in its FAQ); an answer needs one.
 */
function repeats(index: KnowledgeIndex, a: string, b: string): boolean {
  if (a === b) return true;
  const figures = (text: string) => new Set(text.match(/\d+(?:[.,]\d+)?/gu) ?? []);
  const fa = figures(a);
  const fb = figures(b);
  if (fb.size > 0 && ![...fb].every((f) => fa.has(f))) return false;
  const wa = new Set(index.tokenizer.words(a));
  const wb = new Set(index.tokenizer.words(b));
  const shared = [...wb].filter((w) => wa.has(w)).length;
  return shared / Math.max(1, Math.min(wa.size, wb.size)) >= 0.6;
}

/** Same-language passages first: an other-language hit brings in its counterpart section. */
export function preferLanguage(index: KnowledgeIndex, results: ScoredChunk[], lang: Lang): ScoredChunk[] {
  const out = new Map<string, ScoredChunk>();
  for (const result of results) {
    if (result.chunk.lang === lang) {
      if (!out.has(result.chunk.id)) out.set(result.chunk.id, result);
      continue;
    }
    const position = counterpartPosition(index, result.chunk, lang);
    const counterpart = position === undefined ? undefined : index.chunks[position];
    if (counterpart && position !== undefined && !out.has(counterpart.id)) {
      out.set(counterpart.id, { ...result, chunk: counterpart, index: position });
    } else if (!counterpart && !out.has(result.chunk.id)) {
      out.set(result.chunk.id, result);
    }
  }
  return [...out.values()].sort((a, b) => b.score - a.score);
}

/** How an answer cites a passage: its document, and the section it comes from. */
export function citationOf(chunk: Chunk): Citation {
  return { id: chunk.docId, title: chunk.title, collection: chunk.collection, section: chunk.section };
}

/** Figures and Latin-script names: what a section and its translation share. */
function anchors(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/\d+(?:[.,]\d+)*|[a-z][a-z.-]{2,}/gu) ?? []);
}

/**
 * What a passage yields for every question (its anchors, its quotable sentences with their term
 * views) is worked out once per passage: passages are immutable, and weak maps let a replaced
 * index's go with it.
 */
function remembered<K extends object, V>(memo: WeakMap<K, V>, key: K, make: () => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = make();
    memo.set(key, value);
  }
  return value;
}

const anchorMemo = new WeakMap<Chunk, Set<string>>();

const chunkAnchors = (chunk: Chunk) =>
  remembered(anchorMemo, chunk, () => anchors(`${chunk.section} ${chunk.text}`));

/** A passage's sentences with their term views, by the tokenizer that read them. */
const viewMemo = new WeakMap<object, WeakMap<Chunk, SentenceView[]>>();

interface SentenceView {
  text: string;
  position: number;
  own: TermView;
  withHeading: TermView;
}

function sentenceViews(index: KnowledgeIndex, chunk: Chunk): SentenceView[] {
  const byChunk = remembered(viewMemo, index.tokenizer, () => new WeakMap<Chunk, SentenceView[]>());
  return remembered(byChunk, chunk, () => {
    const sectionTerms = index.tokenizer.terms(chunk.section);
    return candidateSentences(chunk.text).map((text, position) => {
      const sentenceTerms = index.tokenizer.terms(text);
      return {
        text,
        position,
        own: termView(sentenceTerms),
        withHeading: termView([...sentenceTerms, ...sectionTerms]),
      };
    });
  });
}

/**
 * The same section in the other language version of a document. The versions usually line up
 * chunk for chunk, but not always (an FAQ in a different order), so the section sharing most
 * figures and names wins, with the same position as the tie-break.
 */
export function counterpartPosition(index: KnowledgeIndex, chunk: Chunk, lang: Lang): number | undefined {
  const positions = index.documentChunks.get(`${chunk.docId}.${lang}`);
  if (!positions || positions.length === 0) return undefined;
  const source = chunkAnchors(chunk);
  let best: number | undefined;
  let bestScore = -1;
  for (const position of positions) {
    const candidate = index.chunks[position];
    if (!candidate) continue;
    const target = chunkAnchors(candidate);
    const shared = [...source].filter((a) => target.has(a)).length;
    const jaccard = shared / Math.max(1, source.size + target.size - shared);
    const score = jaccard + (candidate.ordinal === chunk.ordinal ? 0.05 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = position;
    }
  }
  return best;
}

function counterpartTerms(index: KnowledgeIndex, chunk: Chunk): Iterable<string> | undefined {
  const position = counterpartPosition(index, chunk, chunk.lang === 'zh' ? 'en' : 'zh');
  return position === undefined ? undefined : index.chunkTerms[position];
}

/**
 * Whether the answering sentence speaks for a market asked about: its document is about that
 * market (or a group whose law applies there, e.g. the EU for Germany), or the sentence (or its
 * FAQ question) is about it, naming it among at most one other market. A sentence that lists the
 * market in passing (a table of thirty countries) or states another market's rule does not.
 */
export function coversMarket(
  index: KnowledgeIndex,
  chunk: Chunk,
  sentence: string,
  markets: string[],
  covering: Map<string, string[]>,
): boolean {
  if (markets.length === 0) return true;
  const subjects = subjectMarkets(chunk.jurisdictions, index.markets);
  const named = index.markets.find(`${chunk.faq ? chunk.section : ''} ${sentence}`).map((m) => m.code);
  return markets.some((code) => {
    const codes = covering.get(code) ?? [code];
    const focused = subjects.filter((subject) => index.markets.has(subject)).length <= 4;
    if (focused && subjects.some((subject) => codes.includes(subject))) return true;
    // An international system's rule (Madrid, PCT, Hague) names no country: it holds for each
    // market its document says it covers.
    if (named.length === 0 && chunk.jurisdictions.includes('INT') && subjects.some((s) => codes.includes(s)))
      return true;
    return named.some((m) => codes.includes(m)) && named.length <= 2;
  });
}

/** Arguments of gatherEvidence, beside the index. */
export interface EvidenceQuery {
  question: string;
  lang: Lang;
  markets: string[];
  /** Codes that speak for each asked market (DE → DE, EU). */
  covering: Map<string, string[]>;
  /** Kinds of answer wanted, read from what is asked now. */
  kinds: string[];
  /** The words that say what kind of answer is wanted; the question itself unless a follow-up. */
  intent: string;
  /** The question's concepts, when the caller has them already. */
  concepts?: Concept[];
}

/**
 * Picks the sentences that answer: overlap with the question (weighted by rarity), the passage's
 * rank, a figure when the question asks for one, and the markets it names.
 */
export function gatherEvidence(
  index: KnowledgeIndex,
  query: EvidenceQuery,
  results: ScoredChunk[],
  tuning: Tuning['extract'] = defaultTuning.extract,
): Evidence {
  const { question, lang, markets, covering, kinds, intent } = query;
  const ranked = preferLanguage(index, results, lang).slice(0, tuning.passages);
  // In a follow-up, what is asked now outweighs the topic carried over from the last question.
  const intentWords = new Set(intent === question ? [] : index.tokenizer.words(intent));
  const concepts = (query.concepts ?? questionConcepts(index, question)).map((concept) =>
    intentWords.size === 0 ||
    concept.alternatives.some((words) => words.some((word) => intentWords.has(word)))
      ? concept
      : { ...concept, emphasis: 0.3 },
  );
  const wantsFigure = kinds.includes('deadline');
  const wantsDefinition = !wantsFigure && kinds.includes('definition');
  const wantsCost = kinds.includes('cost');
  const mentionsMoney = (text: string) => index.kinds.answerFits('cost', text, 0);
  const units = unitsAsked(intent);
  const top = ranked[0];
  if (!top)
    return {
      sentences: [],
      steps: [],
      citations: [],
      coverage: 0,
      topicalConcepts: 0,
    };
  // A passage covers a term in either language version, so mixed zh/en questions are judged fairly.
  // Market names are left out here: whether the passage is about that market is checked apart.
  const topical = concepts.filter((concept) => !concept.market);
  const chunkCoverage = (chunk: Chunk) => {
    const own: Iterable<string> = index.chunkTerms[index.positions.get(chunk.id) ?? -1] ?? [];
    const other = counterpartTerms(index, chunk) ?? [];
    return weightedCoverage(topical, termView([...own, ...other]));
  };
  const coverage = Math.max(...ranked.slice(0, 2).map((r) => chunkCoverage(r.chunk)));

  interface Candidate {
    text: string;
    chunk: Chunk;
    position: number;
    prior: number;
    own: TermView;
    withHeading: TermView;
    focusedDocument: boolean;
  }
  const candidates: Candidate[] = [];
  ranked.forEach((result, rank) => {
    const prior = (result.score / top.score) * tuning.rankWeight - rank * 0.03;
    const focusedDocument = result.chunk.jurisdictions.length <= 2;
    for (const sentence of sentenceViews(index, result.chunk))
      candidates.push({ ...sentence, chunk: result.chunk, prior, focusedDocument });
  });

  // A passage about another market cannot answer for the one asked about: it is not a candidate.
  const eligible = candidates.filter((candidate) =>
    coversMarket(index, candidate.chunk, candidate.text, markets, covering),
  );
  const scored: Array<{ text: string; chunk: Chunk; score: number }> = eligible.map((candidate) => {
    const { text, chunk, position } = candidate;
    const own = blendedCoverage(concepts, candidate.own);
    // The heading is the sentence's context; an FAQ question and its first answer sentence are one unit.
    const withHeading = blendedCoverage(concepts, candidate.withHeading);
    const unit = chunk.faq && position === 0 ? 1 : 0.8;
    let score = candidate.prior + Math.max(own, withHeading * unit);
    if (wantsFigure && figure.test(text)) score += tuning.figureBonus;
    if (units.some((unit) => unit.test(text))) score += tuning.figureBonus * 0.75;
    if (wantsDefinition && index.kinds.answerFits('definition', text, 0)) score += 0.1;
    // A table row ("EU: Office: EUIPO; Period: 3 months; …") is terse; prose says it better.
    if ((text.match(/; /gu)?.length ?? 0) >= 2 && /^[^:]{1,40}: /u.test(text)) score -= 0.1;
    // A sentence leaning on the one before ("其后", "This period") does not stand alone.
    if (leansOnContext.test(text)) score -= 0.12;
    if (wantsCost && mentionsMoney(text)) score += tuning.figureBonus;
    score += fitsAnswerShape(index, kinds, text, chunk.faq ? chunk.section : undefined) * tuning.figureBonus;
    if (markets.length > 0) {
      const named = index.markets.find(text).map((m) => m.code);
      // An FAQ question about another market disqualifies its answer. Naming the asked market
      // counts only in a document about many markets (a table of periods, say): in a note about
      // that one market every sentence names it.
      const heading = chunk.faq ? index.markets.find(chunk.section).map((m) => m.code) : [];
      if (named.some((code) => markets.includes(code))) score += candidate.focusedDocument ? 0 : 0.3;
      else if (named.length > 0 || (heading.length > 0 && !heading.some((code) => markets.includes(code))))
        score -= 0.25;
    }
    if (position === 0) score += 0.05;
    return { text, chunk, score };
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  const chosen = best ? [best] : [];
  for (const candidate of scored.slice(1)) {
    if (chosen.length >= tuning.maxSentences || !best) break;
    // Another document's sentence only when it answers nearly as well: never pad with an unrelated passage.
    const ratio =
      candidate.chunk.docId === best.chunk.docId ? tuning.companionRatio : tuning.otherDocumentRatio;
    if (candidate.score >= best.score * ratio && !chosen.some((c) => repeats(index, c.text, candidate.text)))
      chosen.push(candidate);
  }

  const steps = kinds.includes('steps') && best ? documentSteps(index, best.chunk, concepts) : [];

  const citations: Citation[] = [];
  for (const { chunk } of chosen) {
    if (citations.some((citation) => citation.id === chunk.docId)) continue;
    citations.push(citationOf(chunk));
  }
  return {
    sentences: chosen,
    steps,
    citations,
    coverage: Math.max(coverage, best ? chunkCoverage(best.chunk) : 0),
    topicalConcepts: topical.length,
  };
}

/**
 * How well the sentence fits the shape of answer the question wants: +1 per kind asked whose
 * answers it looks like, and -1 per kind not asked that is off the point unless asked (an answer
 * about extensions to a question about the deadline itself).
 */
function fitsAnswerShape(
  index: KnowledgeIndex,
  asked: string[],
  sentence: string,
  faqQuestion?: string,
): number {
  let fit = 0;
  const faqKinds = faqQuestion ? index.kinds.kindsOf(faqQuestion) : [];
  const marketsNamed = index.markets.find(sentence).length;
  for (const kind of ['extension', 'consequence', 'evidence', 'article', 'comparison']) {
    const wanted = asked.includes(kind);
    // An FAQ entry asking the same kind of question answers it in every sentence.
    if (wanted && faqKinds.includes(kind)) {
      fit += 1;
      continue;
    }
    if (!index.kinds.answerFits(kind, sentence, marketsNamed)) continue;
    if (wanted) fit += 1;
    else if (index.kinds.offTopicUnlessAsked(kind)) fit -= 1;
  }
  return fit;
}

/**
 * The steps that fit the situation, from the answering passage's document: the passage's own
 * list, else the list whose section best matches the question ("During the fair" for a letter
 * handed over at the booth), a "first steps" section breaking ties.
 */
export function documentSteps(index: KnowledgeIndex, answering: Chunk, concepts: Concept[]): string[] {
  const lists = (index.documentChunks.get(`${answering.docId}.${answering.lang}`) ?? [])
    .map((position) => index.chunks[position])
    .filter(
      (chunk): chunk is Chunk =>
        chunk !== undefined &&
        numberedSteps(chunk.text).length > 0 &&
        index.kinds.sectionAnswers('steps', chunk.section),
    )
    .map((chunk) => ({
      chunk,
      fit:
        (chunk.id === answering.id ? 1 : 0) +
        blendedCoverage(concepts, termView(index.tokenizer.terms(`${chunk.section}\n${chunk.text}`))),
    }))
    .sort((a, b) => b.fit - a.fit);
  const source = lists[0]?.chunk;
  return source ? numberedSteps(source.text).slice(0, 4) : [];
}
