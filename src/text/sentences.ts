/**
 * Splits prose into sentences without cutting one in half: Chinese ends at 。!?;, English at
 * . ! ? followed by a space and a capital, digit or quote, except after abbreviations such as
 * "Art.", "No.", "e.g." or "U.S." that are followed by more of the same sentence.
 */
const abbreviations = new Set([
  'art',
  'arts',
  'no',
  'nos',
  'e.g',
  'i.e',
  'u.s',
  'u.k',
  'vs',
  'v',
  'para',
  'paras',
  'sec',
  'secs',
  'reg',
  'cf',
  'inc',
  'ltd',
  'co',
  'corp',
  'mr',
  'mrs',
  'dr',
  'st',
  'etc',
  'approx',
  'fig',
  'p',
  'pp',
  'ch',
  'n.d',
  'ill',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'u.s.c',
  'c.f.r',
]);

const chineseEnd = /[。!?;!?]/u;

function endsWithAbbreviation(text: string): boolean {
  const match = /([A-Za-z][A-Za-z.]*)\.$/u.exec(text);
  if (!match?.[1]) return false;
  return abbreviations.has(match[1].toLowerCase());
}

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let current = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i] as string;
    current += char;
    const next = chars[i + 1];
    // 。 always ends a sentence; ? ! ; end one right away only after Chinese text (files here
    // carry ASCII punctuation in Chinese too), while in English "; its remedies…" goes on.
    const afterHan =
      /[\p{Script=Han}”’」』)\]\d%]/u.test(chars[i - 1] ?? '') && /\p{Script=Han}/u.test(current);
    if (char === '。' || (chineseEnd.test(char) && afterHan)) {
      // Keep a closing quote or bracket with its sentence.
      while (chars[i + 1] !== undefined && /[”’」』)\]]/u.test(chars[i + 1] as string)) {
        i += 1;
        current += chars[i];
      }
      out.push(current);
      current = '';
      continue;
    }
    if (char === '\n' && next === '\n') {
      out.push(current);
      current = '';
      continue;
    }
    if ((char === '.' || char === '!' || char === '?') && (next === ' ' || next === '\n')) {
      const after = chars
        .slice(i + 1, i + 4)
        .join('')
        .trimStart();
      const startsNew = after === '' || /^[A-Z0-9"“'(\p{Script=Han}*-]/u.test(after);
      if (startsNew && !(char === '.' && endsWithAbbreviation(current))) {
        out.push(current);
        current = '';
      }
    }
  }
  out.push(current);
  return out
    .map((sentence) => sentence.replace(/\s+/gu, ' ').trim())
    .filter((sentence) => sentence.length > 0);
}
