import type { Chunk } from '../knowledge/chunk.ts';
import { euMembers, findJurisdictions } from '../knowledge/jurisdictions.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { queryTerms, type ScoredChunk } from '../retrieval/retriever.ts';
import type { Lang } from '../text/lang.ts';
import type { Citation } from './answer.ts';
import { candidateSentences, numberedSteps } from './candidates.ts';
import { asksForFigure, asksWhatToDo } from './intent.ts';

export interface Evidence {
  sentences: Array<{ text: string; chunk: Chunk; score: number }>;
  steps: string[];
  citations: Citation[];
  /** Share of the question's weighted terms found in the best passage (0..1). */
  coverage: number;
  /** Whether the passages speak about the markets the question names (true if none named). */
  marketCovered: boolean;
}

const figure = /\d|[一二三四五六七八九十百两]+\s*(个)?(天|日|年|月|周|工作日|件|%)/u;
const stepsSection =
  /first (steps|ten days|days)|what to do|checklist|immediate|首先|第一步|应对步骤|清单|前十天|最初|立即/iu;

function weightedCoverage(
  index: KnowledgeIndex,
  terms: Map<string, number>,
  present: (term: string) => boolean,
) {
  let total = 0;
  let found = 0;
  for (const [term, weight] of terms) {
    if (weight < 1) continue;
    const w = index.bm25.has(term) ? index.bm25.idf(term) : 1.5;
    total += w;
    if (present(term)) found += w;
  }
  return total === 0 ? 0 : found / total;
}

/**
 * Rarity-weighted coverage favours distinctive terms ("APEX"); plain coverage keeps common but
 * decisive ones ("patent", "extension") from counting for nothing.
 */
function blendedCoverage(
  index: KnowledgeIndex,
  terms: Map<string, number>,
  present: (term: string) => boolean,
) {
  let plainTotal = 0;
  let plainFound = 0;
  for (const [term, weight] of terms) {
    if (weight < 1) continue;
    plainTotal += 1;
    if (present(term)) plainFound += 1;
  }
  const plain = plainTotal === 0 ? 0 : plainFound / plainTotal;
  return 0.6 * weightedCoverage(index, terms, present) + 0.4 * plain;
}

/** Same-language passages first: an other-language hit brings in its counterpart section. */
export function preferLanguage(index: KnowledgeIndex, results: ScoredChunk[], lang: Lang): ScoredChunk[] {
  const out = new Map<string, ScoredChunk>();
  for (const result of results) {
    if (result.chunk.lang === lang) {
      if (!out.has(result.chunk.id)) out.set(result.chunk.id, result);
      continue;
    }
    const counterpartId = `${result.chunk.docId}.${lang}#${result.chunk.ordinal}`;
    const counterpart = index.byId.get(counterpartId);
    if (counterpart && !out.has(counterpartId)) {
      out.set(counterpartId, {
        ...result,
        chunk: counterpart,
        index: index.positions.get(counterpartId) ?? result.index,
      });
    } else if (!counterpart && !out.has(result.chunk.id)) {
      out.set(result.chunk.id, result);
    }
  }
  return [...out.values()].sort((a, b) => b.score - a.score);
}

function counterpartTerms(index: KnowledgeIndex, chunk: Chunk): Set<string> | undefined {
  const position = index.positions.get(
    `${chunk.docId}.${chunk.lang === 'zh' ? 'en' : 'zh'}#${chunk.ordinal}`,
  );
  return position === undefined ? undefined : index.chunkTerms[position];
}

export function coversMarket(index: KnowledgeIndex, result: ScoredChunk, markets: string[]): boolean {
  if (markets.length === 0) return true;
  const covered = index.chunkMarkets[result.index];
  // EU law applies in every member state, so an EU passage answers for Germany or the Netherlands.
  return markets.some(
    (code) =>
      covered?.has(code) ||
      result.chunk.jurisdictions.includes('INT') ||
      (euMembers.has(code) && covered?.has('EU')),
  );
}

/**
 * Picks the sentences that answer: overlap with the question (weighted by rarity), the passage's
 * rank, a figure when the question asks for one, and the markets it names.
 */
export function gatherEvidence(
  index: KnowledgeIndex,
  question: string,
  lang: Lang,
  markets: string[],
  results: ScoredChunk[],
): Evidence {
  const ranked = preferLanguage(index, results, lang).slice(0, 6);
  const terms = queryTerms(index, question);
  const wantsFigure = asksForFigure(question);
  const top = ranked[0];
  if (!top) return { sentences: [], steps: [], citations: [], coverage: 0, marketCovered: false };
  // A passage covers a term in either language version, so mixed zh/en questions are judged fairly.
  const coverage = Math.max(
    ...ranked.slice(0, 2).map((r) => {
      const own = index.chunkTerms[r.index];
      const other = counterpartTerms(index, r.chunk);
      return weightedCoverage(
        index,
        terms,
        (term) => (own?.has(term) ?? false) || (other?.has(term) ?? false),
      );
    }),
  );

  const scored: Array<{ text: string; chunk: Chunk; score: number }> = [];
  ranked.forEach((result, rank) => {
    const prior = (result.score / top.score) * 0.25 - rank * 0.03;
    const sectionTerms = new Set(index.tokenizer.terms(result.chunk.section));
    // A sentence naming a market only tells something when its document spans several markets.
    const singleMarket =
      result.chunk.jurisdictions.length === 1 && markets.includes(result.chunk.jurisdictions[0] ?? '');
    candidateSentences(result.chunk.text).forEach((sentence, position) => {
      const sentenceTerms = new Set(index.tokenizer.terms(sentence));
      const own = blendedCoverage(index, terms, (term) => sentenceTerms.has(term));
      // The heading is the sentence's context; an FAQ question and its first answer sentence are one unit.
      const withHeading = blendedCoverage(
        index,
        terms,
        (term) => sentenceTerms.has(term) || sectionTerms.has(term),
      );
      const unit = result.chunk.faq && position === 0 ? 1 : 0.8;
      let score = prior + Math.max(own, withHeading * unit);
      if (wantsFigure && figure.test(sentence)) score += 0.2;
      if (markets.length > 0 && !singleMarket) {
        const named = findJurisdictions(sentence).map((m) => m.code);
        if (named.some((code) => markets.includes(code))) score += 0.3;
        else if (named.length > 0) score -= 0.25;
      }
      if (position === 0) score += 0.05;
      scored.push({ text: sentence, chunk: result.chunk, score });
    });
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  const chosen = best ? [best] : [];
  for (const candidate of scored.slice(1)) {
    if (chosen.length >= 2 || !best) break;
    // A second sentence only from the same document: never pad with an unrelated passage.
    if (
      candidate.score >= best.score * 0.8 &&
      candidate.text !== best.text &&
      candidate.chunk.docId === best.chunk.docId
    )
      chosen.push(candidate);
  }

  let steps: string[] = [];
  if (asksWhatToDo(question) && best) {
    const sameDoc = index.chunks.filter(
      (chunk) => chunk.docId === best.chunk.docId && chunk.lang === best.chunk.lang,
    );
    const source = [best.chunk, ...sameDoc.filter((chunk) => stepsSection.test(chunk.section))].find(
      (chunk) => numberedSteps(chunk.text).length > 0,
    );
    steps = source ? numberedSteps(source.text).slice(0, 4) : [];
  }

  const citations: Citation[] = [];
  for (const { chunk } of chosen) {
    if (citations.some((citation) => citation.id === chunk.docId)) continue;
    citations.push({
      id: chunk.docId,
      title: chunk.title,
      collection: chunk.collection,
      section: chunk.section,
    });
  }
  return {
    sentences: chosen,
    steps,
    citations,
    coverage,
    marketCovered: ranked.slice(0, 3).some((result) => coversMarket(index, result, markets)),
  };
}
