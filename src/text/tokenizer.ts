import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normalizeText } from './normalize.ts';
import { chineseStopwords, englishStopwords } from './stopwords.ts';

const hanRun = /\p{Script=Han}+/gu;
const latinOrNumber = /[a-z0-9][a-z0-9.\-/%]*[a-z0-9%]|[a-z0-9]/gu;

export interface Tokenizer {
  /** Index terms: words plus Chinese character bigrams, stop words removed. */
  terms(text: string): string[];
  /** Words only, for display and overlap checks. */
  words(text: string): string[];
}

/** Light English stemming: enough to make "deadlines" meet "deadline" and "oppositions" meet "opposition". */
/** Bump when tokenisation changes: saved vectors made with other tokens must not be reused. */
export const TOKENIZER_VERSION = 2;

/** British spellings fold into American ones, so "centres" meets "center" and "licence" meets "license". */
const british: Record<string, string> = {
  centre: 'center',
  centres: 'centers',
  licence: 'license',
  licences: 'licenses',
  defence: 'defense',
  offence: 'offense',
  judgement: 'judgment',
  programme: 'program',
  favour: 'favor',
};

export function stemEnglish(input: string): string {
  const word = (british[input] ?? input).replace(/isation(s?)$/u, 'ization$1').replace(/ised$/u, 'ized');
  if (word.length <= 3 || /\d/u.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is'))
    return word.slice(0, -1);
  return word;
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/**
 * Chinese is segmented with jieba (search mode, so compounds also yield their parts) and, because
 * segmentation of a short question and of a long document can disagree, also as character bigrams.
 * Domain terms from the glossary are added to jieba's dictionary so "337调查" stays one word.
 */
export function createTokenizer(extraWords: readonly string[] = []): Tokenizer {
  const jieba = Jieba.withDict(dict);
  const custom = extraWords.filter((word) => /\p{Script=Han}/u.test(word) && !/\s/u.test(word));
  if (custom.length > 0) jieba.loadDict(Buffer.from(custom.map((word) => `${word} 50000 n`).join('\n')));

  function latinWords(text: string): string[] {
    const out: string[] = [];
    for (const match of text.replace(hanRun, ' ').matchAll(latinOrNumber)) {
      const word = match[0].replace(/[.\-/]+$/u, '');
      if (word.length === 0 || englishStopwords.has(word)) continue;
      out.push(stemEnglish(word));
      // "prior-use" and "prior use" are one idea: a compound of words also yields its words.
      if (/^[a-z]+(?:-[a-z]+)+$/u.test(word))
        for (const part of word.split('-')) if (!englishStopwords.has(part)) out.push(stemEnglish(part));
    }
    return out;
  }

  function hanWords(text: string): string[] {
    const out: string[] = [];
    for (const match of text.matchAll(hanRun)) {
      for (const word of jieba.cutForSearch(match[0], true)) {
        if (!chineseStopwords.has(word)) out.push(word);
      }
    }
    return out;
  }

  // One question is read many times while it is answered (analysis, cards, passages): the last
  // few short texts keep their tokens. Results are frozen, so no caller can change a shared one.
  const recent = { words: new Map<string, string[]>(), terms: new Map<string, string[]>() };
  const remember = (memo: Map<string, string[]>, text: string, make: () => string[]): string[] => {
    if (text.length > MEMO_MAX_CHARS) return make();
    let found = memo.get(text);
    if (found) return found;
    found = Object.freeze(make()) as string[];
    if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value ?? '');
    memo.set(text, found);
    return found;
  };

  return {
    words(text) {
      return remember(recent.words, text, () => {
        const normal = normalizeText(text);
        return [...latinWords(normal), ...hanWords(normal)];
      });
    },
    terms(text) {
      return remember(recent.terms, text, () => {
        const normal = normalizeText(text);
        const out = [...latinWords(normal), ...hanWords(normal)];
        for (const match of normal.matchAll(hanRun)) {
          for (const gram of bigrams(match[0])) if (gram.length > 1) out.push(`#${gram}`);
        }
        return out;
      });
    },
  };
}

/** Texts up to this long (questions, headings) are remembered; passages are not. */
const MEMO_MAX_CHARS = 400;
const MEMO_ENTRIES = 256;
