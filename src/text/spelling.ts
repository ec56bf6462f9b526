/**
 * Typo repair for Latin-script words ("oppostion perod" → "opposition period"): a word the
 * vocabulary does not know is replaced by the known word at the smallest edit distance, if it is
 * close enough for its length. Chinese is left alone (no spelling in the same sense).
 */
export interface Speller {
  correct(text: string): string;
}

const word = /[a-z]{4,}/giu;

/** Damerau-Levenshtein distance, giving up once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    (rows[i] as number[])[0] = i;
  }
  for (let j = 0; j <= b.length; j += 1) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
      row[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] ?? max + 1;
}

export function createSpeller(vocabulary: Iterable<string>): Speller {
  const known = new Set<string>();
  for (const entry of vocabulary) for (const match of entry.toLowerCase().matchAll(word)) known.add(match[0]);
  const byLength = new Map<number, string[]>();
  for (const entry of known) byLength.set(entry.length, [...(byLength.get(entry.length) ?? []), entry]);
  const memo = new Map<string, string>();

  // Another form of a known word ("factories" beside "factory", "container" beside "containers")
  // is a word form, not a typo.
  const isFormOfKnown = (lower: string) =>
    [
      lower.replace(/ies$/u, 'y'),
      lower.replace(/(es|s|ed|ing|ly|er|ers)$/u, ''),
      lower.replace(/(ed|ing|er|ers)$/u, 'e'),
      lower.replace(/([a-z])\1(ed|ing)$/u, '$1'),
      `${lower}s`,
      `${lower}es`,
      `${lower}ed`,
      `${lower}ing`,
      lower.replace(/y$/u, 'ies'),
    ].some((form) => form !== lower && form.length >= 4 && known.has(form));

  function fix(input: string): string {
    const lower = input.toLowerCase();
    if (known.has(lower) || isFormOfKnown(lower)) return input;
    const cached = memo.get(lower);
    if (cached !== undefined) return cached;
    // One slip in a short word, two in a long one.
    const max = lower.length >= 8 ? 2 : 1;
    let best = input;
    let bestDistance = max + 1;
    for (let length = lower.length - max; length <= lower.length + max; length += 1) {
      for (const candidate of byLength.get(length) ?? []) {
        // Typos rarely hit a short word's first letter; a different first letter is another word
        // the vocabulary lacks ("tiles" is not "files").
        if (lower.length < 8 && candidate[0] !== lower[0]) continue;
        const distance = editDistance(lower, candidate, max);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = candidate;
        }
      }
    }
    if (memo.size >= 5000) memo.clear();
    memo.set(lower, best);
    return best;
  }

  return { correct: (text) => text.replace(word, (match) => (match.length < 5 ? match : fix(match))) };
}
