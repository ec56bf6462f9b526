export type Lang = 'zh' | 'en';

const han = /\p{Script=Han}/gu;
const latinWord = /[a-z]{2,}/gi;

/**
 * The question's language decides the answer's. Mixed questions such as "Section 337 的答辩期限"
 * are Chinese: a couple of Han characters outweigh borrowed English terms.
 */
export function detectLang(text: string): Lang {
  const hanCount = text.match(han)?.length ?? 0;
  if (hanCount === 0) return 'en';
  const latinCount = text.match(latinWord)?.length ?? 0;
  return hanCount >= 2 || hanCount >= latinCount ? 'zh' : 'en';
}

export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}
