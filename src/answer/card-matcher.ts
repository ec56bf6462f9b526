import { fnv1a } from '../hash.ts';
import type { Card } from '../knowledge/cards.ts';
import type { Glossary } from '../knowledge/glossary.ts';
import type { MarketTable } from '../knowledge/markets.ts';
import type { Tokenizer } from '../text/tokenizer.ts';
import { blendedCoverage, type Concept, type TermView, termView } from './concepts.ts';
import { subjectMarkets } from './coverage.ts';
import type { QuestionKinds } from './question-kinds.ts';
import type { Tuning } from './tuning.ts';

/** A sparse, L2-normalised vector of hashed features. */
type Sparse = Map<number, number>;

interface Paraphrase {
  card: number;
  text: string;
  terms: string[];
  /** Distinct terms that are not market names, with their rarity weights. */
  weighted: Array<[string, number]>;
  weightTotal: number;
  view: TermView;
  vector: Sparse;
}

export interface CardFeatures {
  /** +1 when the card's answer has the shape every asked kind wants (a period for "how long"), -1 when not. */
  shape: number;
  forward: number;
  focus: number;
  reverse: number;
  agreement: number;
  vector: number;
  kind: number;
  /** Negative when a first-steps card meets a question asking for one particular thing. */
  yields: number;
  topic: number;
  market: number;
}

export interface CardMatch {
  card: Card;
  score: number;
  features: CardFeatures;
  /** The paraphrase that matched best. */
  paraphrase: string;
}

export interface CardQuery {
  question: string;
  concepts: Concept[];
  /** Concepts of the sentence that asks (the last question of a long story): what is wanted. */
  focus: Concept[];
  kinds: string[];
  /** Market-bound topics the question is about (customs, litigation ...). */
  topics: string[];
  /** Markets the question is about; a card must cover one of them. */
  markets: string[];
  /** Codes that cover each asked market (DE → DE, EU), keyed by the asked code. */
  covering: Map<string, string[]>;
  /** A follow-up asks something new about the last topic: a card must answer what is asked now. */
  followUp?: boolean;
}

export interface CardIndex {
  readonly cards: Card[];
  /** The best cards for the question, best first, each with why. */
  match(query: CardQuery, tuning: Tuning['card'], limit?: number): CardMatch[];
}

/**
 * Cards of one document share the story a question retells, so they score alike on it; among them
 * the one that matches the asking clause ("…, what evidence did they file?") answers.
 */
function preferSiblingThatAnswers(
  ranked: CardMatch[],
  weight: number,
  answerFocus: (m: CardMatch) => number,
): CardMatch[] {
  const top = ranked[0];
  if (!top) return ranked;
  const aim = (m: CardMatch) => m.features.focus + answerFocus(m) + 0.1 * m.features.shape;
  const lift = (m: CardMatch) => m.score + weight * (aim(m) - aim(top));
  const answers = ranked
    .filter((m) => m.card.docId === top.card.docId)
    .reduce((a, b) => (lift(b) > lift(a) ? b : a));
  return answers === top ? ranked : [answers, ...ranked.filter((m) => m !== answers)];
}

/** Word, Chinese bigram and English character-trigram features: the same recipe as the local embeddings. */
function sparseVector(terms: string[]): Sparse {
  const weights = new Map<number, number>();
  const add = (feature: string, weight: number) => {
    const slot = fnv1a(feature) % 4096;
    weights.set(slot, (weights.get(slot) ?? 0) + weight);
  };
  for (const term of terms) {
    if (term.startsWith('#')) {
      add(term, 0.6);
      continue;
    }
    add(`w:${term}`, 1);
    if (/^[a-z]{5,}$/u.test(term))
      for (let i = 0; i + 3 <= term.length; i += 1) add(`c:${term.slice(i, i + 3)}`, 0.3);
  }
  let norm = 0;
  for (const [slot, weight] of weights) {
    const value = 1 + Math.log(weight > 0 ? weight : 1);
    weights.set(slot, value);
    norm += value * value;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [slot, value] of weights) weights.set(slot, value / norm);
  return weights;
}

function cosine(a: Sparse, b: Sparse): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [slot, value] of small) dot += value * (large.get(slot) ?? 0);
  return dot;
}

/**
 * How many paraphrases are scored in full for one question, best shared weight first. 150 gives
 * the same answers as 300 on every eval set (tune, dev, holdout) at half the cost.
 */
const MAX_CANDIDATES = 150;

/** What a card's own texts say, independent of the passages: reusable while the card is unchanged. */
export interface CardFacts {
  answerMarkets: string[];
  answerShapes: string[];
  topics: ReturnType<QuestionKinds['topicsOf']>;
  kinds: string[];
}

export function createCardIndex(deps: {
  cards: Card[];
  tokenizer: Tokenizer;
  glossary: Glossary;
  markets: MarketTable;
  kinds: QuestionKinds;
  idf: (term: string) => number;
  /** Terms of the cards' own texts; a reload passes a cache, so unchanged cards are not re-tokenised. */
  cardTerms?: (text: string) => string[];
  /** Whether a term names a market; a reload passes a cache of earlier answers. */
  namesMarket?: (term: string) => boolean;
  /** What a card's texts say (markets, shapes, topics, kinds); a reload passes a cache by card content. */
  cardFacts?: (card: Card, make: () => CardFacts) => CardFacts;
}): CardIndex {
  const { cards, tokenizer, glossary, idf } = deps;
  const cardTerms = deps.cardTerms ?? ((text: string) => tokenizer.terms(text));
  const paraphrases: Paraphrase[] = [];
  const byTerm = new Map<string, number[]>();
  // One card's questions in both languages: a zh question with English terms may match either.
  const cardViews: TermView[] = [];
  /** Reused by every question (matching is synchronous, so one buffer serves all). */
  let sharedWeight = new Float64Array(0);
  const marketTerm = new Map<string, boolean>();
  const isMarketTerm = (term: string) => {
    let known = marketTerm.get(term);
    if (known === undefined) {
      known = deps.namesMarket ? deps.namesMarket(term) : deps.markets.find(term).length > 0;
      marketTerm.set(term, known);
    }
    return known;
  };
  const weights = new Map<string, number>();
  const weightOf = (term: string) => {
    let weight = weights.get(term);
    if (weight === undefined) {
      weight = isMarketTerm(term) ? Math.max(idf(term), 3) : idf(term);
      weights.set(term, weight);
    }
    return weight;
  };
  cards.forEach((card, index) => {
    const all: string[] = [];
    for (const side of [card.en, card.zh]) {
      for (const text of [side.q, ...side.also]) {
        const terms = cardTerms(text);
        all.push(...terms);
        const position = paraphrases.length;
        // A market the paraphrase names and the question does not counts as a missing word.
        const weighted = [...new Set(terms)].map((term): [string, number] => [term, weightOf(term)]);
        paraphrases.push({
          card: index,
          text,
          terms,
          weighted,
          weightTotal: weighted.reduce((sum, [, weight]) => sum + weight, 0),
          view: termView(terms),
          vector: sparseVector(terms),
        });
        for (const term of new Set(terms)) {
          const list = byTerm.get(term);
          if (list) list.push(position);
          else byTerm.set(term, [position]);
        }
      }
    }
    cardViews.push(termView(all));
  });
  sharedWeight = new Float64Array(paraphrases.length);
  // What each card's answer says, in both languages: among one case's cards, the one whose answer
  // speaks to the asking clause answers it.
  const answerViews = new Map(
    cards.map((card) => [
      card,
      termView(cardTerms([card.en.a, ...card.en.steps, card.zh.a, ...card.zh.steps].join('\n'))),
    ]),
  );
  // A card about one market ("Which court enforces IP in Australia?") answers a question that
  // names no market only when it matches clearly better than the rest.
  const namesMarket = cards.map((card) => {
    const codes = card.markets.filter((code) => deps.markets.has(code) && !deps.markets.isHome(code));
    return codes.length === 1 && card.markets.every((code) => code !== 'INT');
  });

  // A card from a document about one or a few markets speaks for them; a card from a document
  // about many markets (or international rules) speaks for a market only when its answer names it.
  // The kinds whose answers have a recognisable shape, and which of them each card's answer has.
  const shapedKinds = new Set(deps.kinds.names().filter((kind) => deps.kinds.isShaped(kind)));
  const factsOf = (card: Card): CardFacts => {
    const make = (): CardFacts => {
      const answer = `${card.en.a} ${card.en.steps.join(' ')}`;
      return {
        answerMarkets: deps.markets.find(`${card.en.a} ${card.zh.a}`).map((m) => m.code),
        answerShapes: [...shapedKinds].filter((kind) => deps.kinds.answerFits(kind, answer, 0)),
        topics: deps.kinds.topicsOf([card.en.q, ...card.en.also, card.zh.q, ...card.zh.also].join('\n')),
        // What a card answers: its declared kind first, then the kinds its main questions ask.
        kinds: [card.kind, ...deps.kinds.kindsOf(card.en.q), ...deps.kinds.kindsOf(card.zh.q)],
      };
    };
    return deps.cardFacts ? deps.cardFacts(card, make) : make();
  };
  const facts = cards.map(factsOf);
  const answerMarkets = facts.map((f) => f.answerMarkets);
  const ownMarkets = cards.map((card) => {
    const subjects = subjectMarkets(card.markets, deps.markets).filter((code) => deps.markets.has(code));
    return subjects.length > 0 && subjects.length <= 4 && !card.markets.includes('INT') ? subjects : [];
  });
  /**
   * How a card relates to the markets asked about: about one of them ('own'), about other
   * markets only ('other': never an answer), or general (international rules, many markets),
   * which answers for a market best when it names it ('named') and less well when it does not.
   */
  function marketFit(card: number, query: CardQuery): 'own' | 'named' | 'general' | 'other' {
    if (query.markets.length === 0) return 'own';
    const asked = query.markets.map((code) => query.covering.get(code) ?? [code]);
    const own = ownMarkets[card] ?? [];
    if (own.length > 0) return asked.some((codes) => own.some((m) => codes.includes(m))) ? 'own' : 'other';
    const named = (answerMarkets[card] ?? []).filter((m) => !deps.markets.isHome(m));
    if (asked.some((codes) => named.some((m) => codes.includes(m)))) return 'named';
    // An answer whose subject is another market never answers for this one.
    return named.length > 0 ? 'other' : 'general';
  }
  const answerShapes = facts.map((f) => new Set(f.answerShapes));
  const cardTopics = facts.map((f) => f.topics);
  const cardKinds = facts.map((f) => new Set(f.kinds));
  return {
    cards,
    match(query, tuning, limit = 3) {
      if (cards.length === 0) return [];
      const expanded = new Set([
        ...tokenizer.terms(query.question),
        ...tokenizer.terms(glossary.expand(query.question).join(' ')),
      ]);
      // Paraphrases sharing rare words with the question come first; only the most promising are
      // scored in full, which keeps a question's cost flat as cards are added.
      // Shared weight per paraphrase, in a buffer (a common word is shared by thousands).
      const shared = sharedWeight;
      const touched: number[] = [];
      for (const term of expanded) {
        const positions = byTerm.get(term);
        if (!positions) continue;
        const weight = weightOf(term);
        for (const p of positions) {
          if (shared[p] === 0) touched.push(p);
          shared[p] = (shared[p] ?? 0) + weight;
        }
      }
      const found = new Map<number, number>();
      const rank = new Float64Array(touched.length);
      touched.forEach((p, i) => {
        found.set(p, shared[p] ?? 0);
        rank[i] = (shared[p] ?? 0) / Math.sqrt(paraphrases[p]?.weightTotal || 1);
        shared[p] = 0;
      });
      // Only paraphrases at or above the cut-off are sorted, best first, first found first on ties.
      const cut =
        touched.length > MAX_CANDIDATES
          ? (Float64Array.from(rank).sort()[touched.length - MAX_CANDIDATES] ?? 0)
          : -1;
      const candidates = touched
        .map((p, i) => i)
        .filter((i) => (rank[i] ?? 0) >= cut)
        .sort((a, b) => (rank[b] ?? 0) - (rank[a] ?? 0) || a - b)
        .slice(0, MAX_CANDIDATES)
        .map((i) => touched[i] ?? 0);
      const vector = sparseVector(tokenizer.terms(query.question));
      const topical = query.concepts.filter((concept) => !concept.market);
      const focusTopical = query.focus.filter((concept) => !concept.market);
      const best = new Map<number, CardMatch>();
      // What depends on the question alone, or on the card alone, is worked out once.
      const asked = query.kinds.filter((kind) => deps.kinds.isSpecific(kind));
      const shaped = asked.filter((k) => shapedKinds.has(k));
      const pointAsked = query.kinds.filter((k) => deps.kinds.offTopicUnlessAsked(k));
      const cardCoverage = new Map<number, number>();
      const focusCoverage = new Map<number, number>();
      const cardFocus = (card: number, fallback: TermView) => {
        let value = focusCoverage.get(card);
        if (value === undefined) {
          value = blendedCoverage(focusTopical, cardViews[card] ?? fallback);
          focusCoverage.set(card, value);
        }
        return value;
      };
      const fits = new Map<number, ReturnType<typeof marketFit>>();
      for (const position of candidates) {
        const paraphrase = paraphrases[position];
        const card = paraphrase ? cards[paraphrase.card] : undefined;
        if (!paraphrase || !card) continue;
        let fit = fits.get(paraphrase.card);
        if (fit === undefined) {
          fit = marketFit(paraphrase.card, query);
          fits.set(paraphrase.card, fit);
        }
        if (fit === 'other') continue;
        let whole = cardCoverage.get(paraphrase.card);
        if (whole === undefined) {
          whole = blendedCoverage(topical, cardViews[paraphrase.card] ?? paraphrase.view);
          cardCoverage.set(paraphrase.card, whole);
        }
        const forward = Math.max(blendedCoverage(topical, paraphrase.view), 0.85 * whole);
        const reverse =
          paraphrase.weightTotal === 0 ? 0 : (found.get(position) ?? 0) / paraphrase.weightTotal;
        const similarity = cosine(vector, paraphrase.vector);
        const answers = cardKinds[paraphrase.card] ?? new Set<string>();
        const matchesKind = query.kinds.includes(card.kind) || asked.some((k) => answers.has(k));
        const shapes = answerShapes[paraphrase.card] ?? new Set<string>();
        // A follow-up ("能延长吗?") is answered by a card whose answer says it (an extension),
        // whatever question the card was written for.
        if (query.followUp && asked.length > 0 && !matchesKind && !asked.some((k) => shapes.has(k))) continue;
        const shape = shaped.length === 0 ? 0 : shaped.every((k) => shapes.has(k)) ? 1 : -1;
        // A card about extensions or consequences is off the point unless that is what is asked;
        // when it is asked ("Can it be extended?"), it is the point.
        const offPoint = deps.kinds.offTopicUnlessAsked(card.kind) && !query.kinds.includes(card.kind);
        const yields =
          deps.kinds.yieldsToSpecific(card.kind) && asked.length > 0 && !asked.includes(card.kind)
            ? -tuning.kindMismatch
            : 0;
        const onPoint = pointAsked.length > 0 && pointAsked.some((k) => answers.has(k) || shapes.has(k));
        const kind =
          offPoint || (pointAsked.length > 0 && !onPoint)
            ? -tuning.kindMismatch
            : onPoint
              ? tuning.kindMismatch
              : matchesKind
                ? tuning.kindMatch
                : asked.length > 0
                  ? -tuning.kindMismatch
                  : 0;
        // A card about a market-bound topic (customs) answers a question that is about it.
        const topics = cardTopics[paraphrase.card] ?? [];
        const topic =
          topics.length > 0 && !topics.some((t) => query.topics.includes(t)) ? -tuning.topicMismatch : 0;
        const market =
          query.markets.length === 0
            ? namesMarket[paraphrase.card]
              ? -tuning.marketUnnamed
              : 0
            : fit === 'general'
              ? -tuning.marketGeneral
              : 0;
        const agreement = Math.sqrt(Math.max(0, forward) * Math.max(0, reverse));
        const focus =
          focusTopical.length === 0
            ? forward
            : Math.max(
                blendedCoverage(focusTopical, paraphrase.view),
                0.85 * cardFocus(paraphrase.card, paraphrase.view),
              );
        const score =
          yields +
          tuning.forward * forward +
          tuning.reverse * reverse +
          tuning.agreement * agreement +
          tuning.focus * focus +
          tuning.vector * similarity +
          tuning.shape * shape +
          kind +
          topic +
          market;
        const previous = best.get(paraphrase.card);
        if (!previous || previous.score < score) {
          best.set(paraphrase.card, {
            card,
            score,
            paraphrase: paraphrase.text,
            features: {
              shape,
              forward,
              focus,
              reverse,
              agreement,
              vector: similarity,
              kind,
              yields,
              topic,
              market,
            },
          });
        }
      }
      const ranked = [...best.values()].sort((a, b) => b.score - a.score);
      const answerFocus = (m: CardMatch) => {
        const view = answerViews.get(m.card);
        return focusTopical.length === 0 || !view ? 0 : blendedCoverage(focusTopical, view);
      };
      return preferSiblingThatAnswers(ranked, tuning.siblingFocus, answerFocus).slice(0, limit);
    },
  };
}
