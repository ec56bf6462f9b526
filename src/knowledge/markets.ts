import { z } from 'zod';
import { compileCues } from '../text/cues.ts';
import type { Lang } from '../text/lang.ts';
import { escapeRegExp } from '../text/regexp.ts';

const marketSchema = z.object({
  code: z.string().regex(/^([A-Z]{2}|EU|EP)$/u),
  en: z.string().min(1),
  zh: z.string().min(1),
  names: z.array(z.string().min(1)).default([]),
  cased: z.array(z.string().min(1)).default([]),
  /** Groups whose law applies in the market (EU): their documents cover it. */
  groups: z.array(z.string()).default([]),
  /** Agreements the market is party to (RCEP): their documents cover it when asked about them. */
  member_of: z.array(z.string()).default([]),
  home: z.boolean().default(false),
  /** Names that make the home market the subject of a question ("Chinese customs"). */
  subject_names: z.array(z.string().min(1)).default([]),
  /** Procedures that exist only in this market ("Schedule A"): a question about them is about it. */
  implied_by: z.array(z.string().min(1)).default([]),
});

export const marketsFileSchema = z.object({
  markets: z.array(marketSchema).min(1),
  agreements: z
    .array(z.object({ code: z.string().min(1), names: z.array(z.string().min(1)).min(1) }))
    .default([]),
  abroad: z.array(z.string().min(1)).default([]),
});
export type MarketsData = z.input<typeof marketsFileSchema>;
export type Market = z.infer<typeof marketSchema>;

export interface MarketMention {
  code: string;
  name: string;
}

export interface MarketTable {
  readonly data: MarketsData;
  /** Every market the text names, once each, in the order of the table. */
  find(text: string): MarketMention[];
  /** The text without market names, so a follow-up can put another market in. */
  strip(text: string): string;
  /** The market and the groups whose law applies in it (DE → DE, EU). */
  withGroups(code: string): string[];
  /** Agreements the market is party to (VN → RCEP). */
  memberOf(code: string): string[];
  /** The market's name for a reply ("Argentina", "阿根廷"). */
  name(code: string, lang: Lang): string;
  has(code: string): boolean;
  /** Agreements the text names (RCEP). */
  agreements(text: string): string[];
  /** Whether the text says it is about somewhere abroad ("overseas", "海外"). */
  mentionsAbroad(text: string): boolean;
  /** The exporters' own market (CN): listed in documents for who the exporter is. */
  isHome(code: string): boolean;
  /** Markets the text implies without naming them ("Schedule A" → US). */
  implied(text: string): string[];
  /** Whether the text names the home market as the subject ("Chinese customs", "中国海关"). */
  namesHomeAsSubject(text: string): boolean;
}

const han = /\p{Script=Han}/u;

export function createMarketTable(input: MarketsData): MarketTable {
  const data = marketsFileSchema.parse(input);
  const byCode = new Map(data.markets.map((market) => [market.code, market]));
  // One pass per kind of name, longest alternatives first: at any position 印度尼西亚 wins over
  // 印度, and "south korea" over "korea".
  const byName = new Map<string, string>();
  const byCased = new Map<string, string>();
  for (const market of data.markets) {
    for (const name of market.names) byName.set(name.normalize('NFKC').toLowerCase(), market.code);
    for (const name of market.cased) byCased.set(name, market.code);
  }
  const alternation = (names: string[]) =>
    names
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
  const names = [...byName.keys()];
  const chinese = new RegExp(`(${alternation(names.filter((n) => han.test(n)))})`, 'gu');
  const latin = new RegExp(
    `(?<![\\p{Script=Latin}\\p{N}])(${alternation(names.filter((n) => !han.test(n)))})(?![\\p{Script=Latin}\\p{N}])`,
    'gu',
  );
  const cased = new RegExp(`(?<![A-Za-z])(${alternation([...byCased.keys()])})(?![A-Za-z])`, 'gu');
  const order = new Map(data.markets.map((market, i) => [market.code, i]));
  // Word lists compiled once, not per question.
  const abroad = compileCues(data.abroad);
  const agreements = data.agreements.map((agreement) => ({
    code: agreement.code,
    cues: compileCues(agreement.names),
  }));
  const implied = data.markets
    .filter((market) => market.implied_by.length > 0)
    .map((market) => ({ code: market.code, cues: compileCues(market.implied_by) }));
  // Sentences of the knowledge are looked at again and again: remember what they name.
  const memo = new Map<string, MarketMention[]>();

  function scan(text: string): MarketMention[] {
    const raw = text.normalize('NFKC');
    const lower = raw.toLowerCase();
    const found = new Map<string, string>();
    const collect = (re: RegExp, source: string, table: Map<string, string>, key: (m: string) => string) => {
      for (const match of source.matchAll(re)) {
        const name = match[1] ?? '';
        const code = table.get(key(name));
        if (code && !found.has(code)) found.set(code, name);
      }
    };
    collect(chinese, lower, byName, (m) => m);
    collect(latin, lower, byName, (m) => m);
    if (byCased.size > 0) collect(cased, raw, byCased, (m) => m);
    return [...found]
      .sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
      .map(([code, name]) => ({ code, name }));
  }

  return {
    data: input,
    find(text) {
      const known = memo.get(text);
      if (known) return known;
      const found = scan(text);
      if (memo.size >= 20000) memo.clear();
      memo.set(text, found);
      return found;
    },
    strip(text) {
      let out = text.normalize('NFKC');
      // Case-insensitively for names, so "Vietnam" goes as well as "vietnam".
      out = out.replace(new RegExp(chinese.source, 'gu'), ' ');
      out = out.replace(new RegExp(latin.source, 'giu'), ' ');
      out = out.replace(cased, ' ');
      return out.replace(/\s+/gu, ' ').trim();
    },
    withGroups(code) {
      return [code, ...(byCode.get(code)?.groups ?? [])];
    },
    memberOf: (code) => byCode.get(code)?.member_of ?? [],
    name(code, lang) {
      const market = byCode.get(code);
      return market ? market[lang] : code;
    },
    has: (code) => byCode.has(code),
    mentionsAbroad: (text) => abroad.test(text),
    agreements: (text) => agreements.filter((agreement) => agreement.cues.test(text)).map((a) => a.code),
    isHome: (code) => byCode.get(code)?.home === true,
    implied: (text) => implied.filter((market) => market.cues.test(text)).map((market) => market.code),
    namesHomeAsSubject(text) {
      const lower = text.normalize('NFKC').toLowerCase();
      return data.markets.some(
        (market) => market.home && market.subject_names.some((name) => lower.includes(name.toLowerCase())),
      );
    },
  };
}
