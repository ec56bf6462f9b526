import { comparableFigures, spelledFigures } from '../knowledge/cards.ts';
import type { Chunk } from '../knowledge/chunk.ts';
import { detectLang, type Lang } from '../text/lang.ts';
import { splitSentences } from '../text/sentences.ts';

/** What the check did to a model's answer; counted in /metrics. */
export type VerifyOutcome = 'verified' | 'repaired' | 'fell_back';

export interface Verified {
  outcome: VerifyOutcome;
  /** The answer with unsupported sentences and invalid citations removed (absent when it fell back). */
  text?: string;
  /** The passages (1-based) the kept answer cites. */
  cited: number[];
  /** Why anything was removed, or why it fell back: for the log, never the user. */
  notes: string[];
}

const citation = /\s*(?:\[(\d+(?:\s*[,，、]\s*\d+)*)\]|【(\d+)】)/gu;

/** Figures a text states, normalised: full-width digits, 万/亿, Chinese numerals, spelled-out small numbers. */
function figures(text: string, lang: Lang): Set<string> {
  const found = comparableFigures(text, lang).split(',').filter(Boolean);
  return new Set([...found, ...spelledFigures(text, lang)]);
}

/** Citation numbers a sentence gives, and the sentence without them. */
function citationsOf(sentence: string): { numbers: number[]; bare: string } {
  const numbers: number[] = [];
  const bare = sentence.replace(citation, (_, list?: string, single?: string) => {
    for (const n of (list ?? single ?? '').split(/[,，、]/u)) numbers.push(Number(n.trim()));
    return '';
  });
  return { numbers, bare };
}

/** Puts a sentence's citations back before its closing punctuation: "… service [1]." / "…20天[1]。" */
function attach(bare: string, numbers: number[], lang: Lang): string {
  if (numbers.length === 0) return bare;
  const marks = `${lang === 'zh' ? '' : ' '}${numbers.map((n) => `[${n}]`).join('')}`;
  const end = /[.。!！?？;；]$/u.exec(bare);
  return end ? `${bare.slice(0, -1)}${marks}${end[0]}` : `${bare}${marks}`;
}

/**
 * Checks a model's answer against the passages it was given: a citation [n] must name one of them
 * (others are dropped); every figure (a period, date, amount, article or rule number) must occur in
 * a passage the sentence cites, or, for a sentence without citations, in one the answer cites; a
 * sentence with a figure that does not is removed. An answer in the wrong language, or one whose
 * first sentence (its point) had to go, falls back to the extractive answer.
 */
export function verifyAnswer(answer: string, passages: readonly Chunk[], lang: Lang): Verified {
  return answerVerifier(passages)(answer, lang);
}

/**
 * The check for one set of passages: their figures are read once, however often a streamed
 * answer is checked as it grows.
 */
export function answerVerifier(passages: readonly Chunk[]): (answer: string, lang: Lang) => Verified {
  const passageFigures = passages.map((chunk) =>
    figures(`${chunk.title} ${chunk.section} ${chunk.text}`, chunk.lang),
  );
  return (answer, lang) => check(answer, passages.length, passageFigures, lang);
}

function check(answer: string, given: number, passageFigures: Set<string>[], lang: Lang): Verified {
  const notes: string[] = [];
  const bareAnswer = answer.replace(citation, '');
  if (detectLang(bareAnswer) !== lang) {
    return {
      outcome: 'fell_back',
      cited: [],
      notes: [`answer is not in ${lang === 'zh' ? 'Chinese' : 'English'}`],
    };
  }
  const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= given;

  const lines = answer.split(/\r?\n/u).map((line) => splitSentences(line).map((s) => citationsOf(s)));
  const all = lines.flat();
  const citedAnywhere = [...new Set(all.flatMap((s) => s.numbers).filter(valid))];
  let dropped = false;
  let lostPoint = false;
  let first = true;
  const cited = new Set<number>();
  const kept = lines.map((sentences) =>
    sentences
      .filter((sentence) => {
        const isFirst = first && sentence.bare.trim().length > 0;
        if (isFirst) first = false;
        const invalid = sentence.numbers.filter((n) => !valid(n));
        if (invalid.length > 0) {
          dropped = true;
          notes.push(`citation [${invalid.join(', ')}] names no passage (${given} given)`);
        }
        const own = sentence.numbers.filter(valid);
        const support = own.length > 0 ? own : citedAnywhere;
        const stated = figures(sentence.bare, lang);
        const unsupported = [...stated].filter((f) => !support.some((n) => passageFigures[n - 1]?.has(f)));
        if (unsupported.length > 0) {
          dropped = true;
          if (isFirst) lostPoint = true;
          notes.push(`removed a sentence with ${unsupported.join(', ')}, which no cited passage states`);
          return false;
        }
        for (const n of own) cited.add(n);
        return sentence.bare.trim().length > 0;
      })
      .map((sentence) => attach(sentence.bare.trim(), sentence.numbers.filter(valid), lang)),
  );
  const text = kept
    .map((sentences) => sentences.join(lang === 'zh' ? '' : ' '))
    .filter((line) => line.trim().length > 0)
    .join('\n')
    .trim();
  if (lostPoint || text.length === 0) {
    return { outcome: 'fell_back', cited: [], notes: [...notes, 'the answer lost its point'] };
  }
  // Sentences without citations of their own lean on those the answer gives elsewhere.
  if (cited.size === 0) for (const n of citedAnywhere) cited.add(n);
  return { outcome: dropped ? 'repaired' : 'verified', text, cited: [...cited].sort((a, b) => a - b), notes };
}
