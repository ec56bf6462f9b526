const han = '\\p{Script=Han}';
const fullWidth: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};

/**
 * Chinese text takes full-width punctuation (，。：；？！（）). Half-width marks next to Chinese
 * characters are converted; those between Latin letters or digits (10:30, 19 U.S.C. 1337(a), "a, b")
 * stay as they are.
 */
export function chinesePunctuation(text: string): string {
  return (
    text
      // A mark after a Chinese character, or before one (with optional space).
      .replace(
        new RegExp(`(?<=${han}|[）”])\\s*([,;:?!])\\s*`, 'gu'),
        (_, mark: string) => fullWidth[mark] ?? mark,
      )
      .replace(new RegExp(`\\s*([,;:?!])\\s*(?=${han})`, 'gu'), (_, mark: string) => fullWidth[mark] ?? mark)
      // Brackets holding or touching Chinese text.
      .replace(new RegExp(`\\(([^()]*${han}[^()]*)\\)`, 'gu'), '（$1）')
      .replace(new RegExp(`(?<=${han})\\s*\\(([^()]*)\\)`, 'gu'), '（$1）')
      // A sentence that ends in Chinese (or in a figure, before more Chinese) ends with a Chinese full stop.
      .replace(new RegExp(`(?<=\\d)\\.\\s+(?=${han})`, 'gu'), '。')
      .replace(new RegExp(`(?<=${han})\\.(?=\\s|$)`, 'gu'), '。')
  );
}

/**
 * A quoted sentence that was one item of a list may end in ";" or "," where the list went on: as
 * an answer on its own it ends with a full stop.
 */
export function endSentence(text: string, chinese: boolean): string {
  const trimmed = text.trim().replace(/[;,；，:：]+$/u, '');
  if (/[.!?。！？)）"”]$/u.test(trimmed)) return trimmed;
  return `${trimmed}${chinese ? '。' : '.'}`;
}
