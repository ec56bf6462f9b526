export type Lang = 'zh' | 'en';

const han = /\p{Script=Han}/gu;
const latinWord = /[a-z]{2,}/gi;

/**
 * The question's language decides the answer's. Mixed questions go by what most of the text is:
 * "Section 337 的答辩期限是多久" is Chinese, "What does 排除令 mean in a 337 case" English.
 */
export function detectLang(text: string): Lang {
  const hanCount = text.match(han)?.length ?? 0;
  if (hanCount === 0) return 'en';
  const latinCount = text.match(latinWord)?.length ?? 0;
  // A Chinese term inside an English sentence ("What does 排除令 mean?") keeps it English.
  return hanCount >= latinCount ? 'zh' : 'en';
}

export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

const asksChinese = /用中文|中文回答|请用中文|中文回复|\bin chinese\b/iu;
const asksEnglish = /用英文|用英语|英文回答|英语回答|\bin english\b/iu;

/** "…用中文回答" or "…in English please": the user says which language they want. */
export function requestedLang(text: string): Lang | undefined {
  if (asksChinese.test(text)) return 'zh';
  if (asksEnglish.test(text)) return 'en';
  return undefined;
}
