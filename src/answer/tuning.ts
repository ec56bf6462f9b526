/**
 * Every weight and threshold that decides which answer wins, in one table: tuned on
 * test/eval/tune only (the holdout set is read in aggregate, never tuned on).
 */
export interface Tuning {
  card: {
    /** Share of the question's concepts the card's questions cover (rarity-weighted). */
    forward: number;
    /** Share of the best paraphrase's words the question contains: long stories still match. */
    reverse: number;
    /** Forward, for the sentence that asks only: in a long story, what is wanted. */
    focus: number;
    /** Among cards of the best card's document, how much matching the asking clause counts towards leading. */
    siblingFocus: number;
    /** Geometric mean of forward and reverse: both directions must hold, not just one. */
    agreement: number;
    /** Cosine of hashed word and character n-gram vectors: typos and word forms. */
    vector: number;
    /** The card's answer has the shape the asked kinds want (a period, an amount), or not. */
    shape: number;
    /** The card answers the kind of question asked (a deadline for "how long"). */
    kindMatch: number;
    /** The question asks for a specific kind (steps, cost, deadline...) and the card is another. */
    kindMismatch: number;
    /** The card is about a market-bound topic (customs ...) the question does not mention. */
    topicMismatch: number;
    /** The card is about one market and the question names none. */
    marketUnnamed: number;
    /** The question names a market and the card states a general rule without naming it. */
    marketGeneral: number;
    /** A card answers when its score reaches this. */
    threshold: number;
    /** ... or this, when the question has no IP vocabulary at all. */
    thresholdWithoutDomain: number;
    /** Below the threshold, a card still answers when passages are this weak (coverage) ... */
    secondChanceCoverage: number;
    /** ... and it scores at least this (with IP vocabulary) ... */
    secondChance: number;
    /** ... or this (without). */
    secondChanceWithoutDomain: number;
  };
  extract: {
    /** How many top passages supply candidate sentences. */
    passages: number;
    /** Weight of the passage's retrieval rank in a sentence's score. */
    rankWeight: number;
    /** Bonus for a sentence with a figure when the question asks how long, how many or when. */
    figureBonus: number;
    /** At most this many sentences answer. */
    maxSentences: number;
    /** A further sentence from the same document must score at least this share of the best. */
    companionRatio: number;
    /** A further sentence from another document must score at least this share of the best. */
    otherDocumentRatio: number;
  };
  gate: {
    /** Minimum share of the question's terms found in the best passage. */
    coverage: number;
    /** Higher bar when none of the best cards comes from the quoted passage's document. */
    uncorroborated: number;
    /** How well a card must match to vouch for passages from its document. */
    corroboratingCard: number;
    /** Higher bar when the question has no IP vocabulary at all. */
    coverageWithoutDomain: number;
    /** Quoted passages answer only questions with IP vocabulary; others need a card. */
    passagesNeedDomain: boolean;
  };
}

export const defaultTuning: Tuning = {
  card: {
    forward: 0.14,
    focus: 0.14,
    reverse: 0.21,
    agreement: 0.48,
    vector: 0.035,
    shape: 0.03,
    kindMatch: 0.02,
    kindMismatch: 0.05,
    topicMismatch: 0.05,
    marketUnnamed: 0.08,
    marketGeneral: 0.08,
    threshold: 0.56,
    siblingFocus: 0.3,
    thresholdWithoutDomain: 0.75,
    secondChanceCoverage: 0.5,
    secondChance: 0.4,
    secondChanceWithoutDomain: 0.65,
  },
  extract: {
    passages: 8,
    rankWeight: 0.25,
    figureBonus: 0.2,
    maxSentences: 3,
    companionRatio: 0.65,
    otherDocumentRatio: 0.8,
  },
  gate: {
    coverage: 0.08,
    uncorroborated: 0.25,
    corroboratingCard: 0.3,
    coverageWithoutDomain: 0.8,
    passagesNeedDomain: true,
  },
};
