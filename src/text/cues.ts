import { escapeRegExp } from './regexp.ts';
/**
 * Lists of words to look for in a question, compiled once: English cues match whole words
 * (case-insensitively, not inside a longer Latin word), Chinese cues match as substrings, and
 * "*" inside a cue stands for a short gap within a sentence (40 characters in English, 12 in
 * Chinese). Used by every data file that names words: question kinds, markets.
 */
export interface Cues {
  test(text: string): boolean;
}

const sentenceEnd = '.?!。？！\\n';

function cuePattern(cue: string): string {
  const chinese = /\p{Script=Han}/u.test(cue);
  const gap = chinese ? `[^${sentenceEnd}]{0,12}?` : `[^${sentenceEnd}]{0,40}?`;
  const body = cue
    .normalize('NFKC')
    .toLowerCase()
    .split('*')
    .map((part) => escapeRegExp(part))
    .join(gap);
  if (chinese) return body;
  // Whole words: no letter or digit right before or after (a cue may start or end with a symbol).
  const start = /^[\p{L}\p{N}]/u.test(cue) ? '(?<![\\p{Script=Latin}\\p{N}])' : '';
  const end = /[\p{L}\p{N}]$/u.test(cue) ? '(?![\\p{Script=Latin}\\p{N}])' : '';
  return `${start}${body}${end}`;
}

/** `anchor`: anywhere in the text, at its start (an opener), or at its end (a closing particle). */
export function compileCues(
  list: readonly string[],
  anchor: 'anywhere' | 'start' | 'end' = 'anywhere',
): Cues {
  const cues = list.filter((cue) => cue.trim().length > 0);
  if (cues.length === 0) return { test: () => false };
  const alternatives = cues.map(cuePattern).join('|');
  const source =
    anchor === 'start'
      ? `^\\s*(?:${alternatives})`
      : anchor === 'end'
        ? `(?:${alternatives})\\s*[?？!！。.]*\\s*$`
        : `(?:${alternatives})`;
  const re = new RegExp(source, 'u');
  return { test: (text) => re.test(text.normalize('NFKC').toLowerCase()) };
}
