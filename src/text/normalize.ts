/** NFKC folds full-width digits and punctuation (２０天, ，) into their ordinary forms. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The matching rule of the eval format: NFKC, lower case, no white space at all. */
export function compactForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}
