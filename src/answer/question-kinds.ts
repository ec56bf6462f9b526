import { z } from 'zod';
import { type Cues, compileCues } from '../text/cues.ts';
import { escapeRegExp } from '../text/regexp.ts';

const words = z.array(z.union([z.string(), z.number()]).transform(String)).default([]);
const bilingual = z.object({ en: words, zh: words }).partial().default({});

const kindSchema = z.object({
  question: bilingual,
  answer: bilingual.optional(),
  /** Words passages answering this kind use, added to the search at low weight. */
  search: z.string().optional(),
  /** Headings of sections that answer this kind (the exporter's first steps). */
  sections: bilingual.optional(),
  /** Asks for one particular thing (a period, an amount): an answer of another kind misses it. */
  specific: z.boolean().default(false),
  /** Answers of this kind are recognisable by their words (\`answer\`): a card's answer shows it. */
  shaped: z.boolean().default(false),
  /** A sentence of this kind is off the point unless the question asks for it (extensions). */
  off_topic_unless_asked: z.boolean().default(false),
  /** A card of this kind (a to-do list) does not answer a question that asks for one particular thing of another kind. */
  yields_to_specific: z.boolean().default(false),
  /** An answer of this kind states a figure that is not a year ("how many centres" → 99), or a year. */
  answer_has: z.enum(['figure', 'year']).optional(),
  /** The answer words only count beside a figure ("fees" alone does not state an amount). */
  answer_needs_figure: z.boolean().default(false),
  /** With answer_needs_figure: what a figure must stand beside to be an amount. */
  currencies: z.array(z.string()).default([]),
  /** Kinds that, when asked too, say what this one's words mean ("how many days" is a deadline, not a count). */
  not_with: z.array(z.string()).default([]),
  /** An answer names at least this many markets ("which countries"). */
  answer_names_markets: z.number().int().positive().optional(),
});

export const kindsFileSchema = z.object({
  kinds: z.record(kindSchema),
  topics: z.record(bilingual).default({}),
  active_dispute: z.object({ en: words, zh: words, situation: bilingual }).partial().default({}),
  domain: bilingual,
  uncovered_matters: z.record(bilingual).default({}),
  greetings: z.object({ en: words, zh: words }).partial().default({}),
  comparison: bilingual,
  platforms: z
    .record(z.object({ name: z.string(), en: words, zh: words }).partial({ en: true, zh: true }))
    .default({}),
  follow_up: z
    .object({ openers: bilingual, tails: bilingual, pronouns: bilingual, checks: bilingual, self: bilingual })
    .partial()
    .default({}),
});

export type KindsData = z.input<typeof kindsFileSchema>;

/** A list of zh and en cues, compiled as one. */
function compile(
  list: { en?: string[]; zh?: string[] } | undefined,
  anchor: 'anywhere' | 'start' | 'end' = 'anywhere',
): Cues {
  return compileCues([...(list?.en ?? []), ...(list?.zh ?? [])], anchor);
}

export interface QuestionKinds {
  readonly data: KindsData;
  /** Every kind the question asks for ("how long" → deadline), in the file's order. */
  kindsOf(question: string): string[];
  isKind(name: string): boolean;
  /** Every kind, in the file's order. */
  names(): string[];
  isSpecific(name: string): boolean;
  isShaped(name: string): boolean;
  /** Whether a sentence has the shape an answer of this kind has (an extension, a default). */
  answerFits(kind: string, sentence: string, marketsNamed: number): boolean;
  offTopicUnlessAsked(kind: string): boolean;
  /** A card of this kind misses a question asking for a specific kind other than its own. */
  yieldsToSpecific(kind: string): boolean;
  /** Whether a section heading says its content answers this kind ("First steps" for steps). */
  sectionAnswers(kind: string, heading: string): boolean;
  /** Search words for the kinds asked for. */
  searchHints(question: string): string;
  /** Market-bound topics the question is about (litigation, customs ...); a platform named is e-commerce. */
  topicsOf(question: string): string[];
  /** Online marketplaces the text names (amazon, coupang ...). */
  platformsOf(text: string): string[];
  /** How a platform is written ("eBay"). */
  platformName(platform: string): string;
  describesActiveDispute(question: string): boolean;
  /** The whole message is a greeting or asks how to use the bot ("hi", "help", "你好！"). */
  isGreeting(text: string): boolean;
  hasDomainWords(question: string): boolean;
  /** IP matters the knowledge does not cover that the question is about (plant varieties ...). */
  uncoveredMatters(question: string): string[];
  /** What follows each comparison word ("like the German X" → "German X"): a market there is compared, not asked. */
  compared(question: string): string[];
  followUp: {
    opener(question: string): boolean;
    tail(question: string): boolean;
    pronoun(question: string): boolean;
    /** Questions whether the last answer holds ("are you sure?", "哪个对?"). */
    check(question: string): boolean;
    /** Says where the asker is ("我们公司在中国"), not which market the question is about. */
    self(question: string): boolean;
  };
}

/** A figure beside a currency, either order: "EUR 850", "$1,000", "190美元", "一千万欧元", "10 million euros". */
function amountPattern(currencies: string[]): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const units = currencies
    .map((c) => c.normalize('NFKC').toLowerCase())
    .sort((a, b) => b.length - a.length)
    .map(literal)
    .join('|');
  const figure = '(?:\\d[\\d,.]*|[一二两三四五六七八九十百千]+)\\s*(?:万|亿|thousand|million|billion|k|m)?';
  // A currency written in letters is a whole word: "5 rubber" is not roubles.
  return new RegExp(`${figure}\\s*(?:${units})(?![a-z])|(?<![a-z])(?:${units})\\s*${figure}`, 'u');
}

export function createQuestionKinds(input: KindsData): QuestionKinds {
  const data = kindsFileSchema.parse(input);
  const kinds = Object.entries(data.kinds).map(([name, kind]) => ({
    name,
    question: compile(kind.question),
    answer: kind.answer ? compile(kind.answer) : undefined,
    sections: kind.sections ? compile(kind.sections) : undefined,
    search: kind.search ?? '',
    offTopic: kind.off_topic_unless_asked,
    yields: kind.yields_to_specific,
    specific: kind.specific,
    shaped: kind.shaped && (kind.answer !== undefined || kind.answer_has !== undefined),
    has: kind.answer_has,
    notWith: kind.not_with,
    amount: kind.answer_needs_figure ? amountPattern(kind.currencies) : undefined,
    namesMarkets: kind.answer_names_markets,
  }));
  const byName = new Map(kinds.map((kind) => [kind.name, kind]));
  const greetings = new Set(
    [...(data.greetings.en ?? []), ...(data.greetings.zh ?? [])].map((g) => g.toLowerCase()),
  );
  const topics = Object.entries(data.topics).map(([name, cues]) => ({ name, cues: compile(cues) }));
  const dispute = compile({ en: data.active_dispute.en ?? [], zh: data.active_dispute.zh ?? [] });
  const situation = compile(data.active_dispute.situation);
  const domain = compile(data.domain);
  const platforms = Object.entries(data.platforms).map(([name, cues]) => ({ name, cues: compile(cues) }));
  const platformsOf = (text: string) =>
    platforms.filter((platform) => platform.cues.test(text)).map((platform) => platform.name);
  const uncovered = Object.entries(data.uncovered_matters).map(([name, cues]) => ({
    name,
    cues: compile(cues),
  }));
  // Each comparison word with what follows it: two words, or six characters in Chinese.
  const comparisons = [...(data.comparison.en ?? []), ...(data.comparison.zh ?? [])].map((cue) => {
    const word = escapeRegExp(cue.normalize('NFKC').toLowerCase());
    return /\p{Script=Han}/u.test(cue)
      ? new RegExp(`${word}([^，。？！,.?!]{1,6})`, 'gu')
      : new RegExp(`(?<![\\p{L}])${word}\\s+((?:[\\p{L}.'’-]+\\s*){1,3})`, 'gu');
  });
  const opener = compile(data.follow_up.openers, 'start');
  const tail = compile(data.follow_up.tails, 'end');
  const pronoun = compile(data.follow_up.pronouns);
  const check = compile(data.follow_up.checks);
  const self = compile(data.follow_up.self);

  return {
    data: input,
    kindsOf: (question) => {
      const asked = kinds.filter((kind) => kind.question.test(question)).map((kind) => kind.name);
      return asked.filter((name) => !byName.get(name)?.notWith.some((other) => asked.includes(other)));
    },
    isKind: (name) => byName.has(name),
    names: () => kinds.map((kind) => kind.name),
    isSpecific: (name) => byName.get(name)?.specific === true,
    isShaped: (name) => byName.get(name)?.shaped === true,
    answerFits(name, sentence, marketsNamed) {
      const kind = byName.get(name);
      if (!kind) return false;
      if (kind.namesMarkets !== undefined) return marketsNamed >= kind.namesMarkets;
      // A year ("opened in 2019") says when, not how many.
      if (kind.has === 'figure')
        return /(?<![\d.])(?!(?:19|20)\d\d(?!\d))\d+/u.test(sentence.normalize('NFKC'));
      if (kind.has === 'year') return /(?<!\d)(?:19|20)\d\d(?!\d)/u.test(sentence.normalize('NFKC'));
      // An amount ("EUR 850"), a share ("25%") or the kind's words ("free of charge").
      if (kind.amount) {
        const plain = sentence.normalize('NFKC').toLowerCase();
        if (kind.amount.test(plain) || /\d\s*%/u.test(plain)) return true;
      }
      return kind.answer?.test(sentence) ?? false;
    },
    offTopicUnlessAsked: (name) => byName.get(name)?.offTopic === true,
    yieldsToSpecific: (name) => byName.get(name)?.yields === true,
    sectionAnswers: (name, heading) => byName.get(name)?.sections?.test(heading) ?? false,
    searchHints: (question) =>
      kinds
        .filter((kind) => kind.search && kind.question.test(question))
        .map((kind) => kind.search)
        .join(' '),
    topicsOf: (question) => {
      const found = topics.filter((topic) => topic.cues.test(question)).map((topic) => topic.name);
      return platformsOf(question).length > 0 && !found.includes('e-commerce')
        ? [...found, 'e-commerce']
        : found;
    },
    platformsOf,
    platformName: (platform) => data.platforms[platform]?.name ?? platform,
    describesActiveDispute: (question) => dispute.test(question) && situation.test(question),
    isGreeting: (text) =>
      greetings.has(
        text
          .normalize('NFKC')
          .toLowerCase()
          .replace(/[\p{P}\p{S}\s]+/gu, ' ')
          .trim(),
      ),
    hasDomainWords: (question) => domain.test(question),
    uncoveredMatters: (question) =>
      uncovered.filter((matter) => matter.cues.test(question)).map((m) => m.name),
    compared: (question) => {
      const text = question.normalize('NFKC').toLowerCase();
      return comparisons.flatMap((re) =>
        [...text.matchAll(re)].flatMap((match) => (match[1] ? [match[1]] : [])),
      );
    },
    followUp: {
      opener: (question) => opener.test(question),
      tail: (question) => tail.test(question),
      pronoun: (question) => pronoun.test(question),
      check: (question) => check.test(question),
      self: (question) => self.test(question),
    },
  };
}
