import { z } from 'zod';
import type { Lang } from '../text/lang.ts';

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
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

const han = /\p{Script=Han}/u;

export function createMarketTable(input: MarketsData): MarketTable {
  const data = marketsFileSchema.parse(input);
  const byCode = new Map(data.markets.map((market) => [market.code, market]));
  // Longest names first, and a matched Chinese name is blanked out: 印度尼西亚 is not also 印度.
  const matchers = data.markets
    .flatMap((market) => [
      ...market.names.map((name) => {
        const lower = name.normalize('NFKC').toLowerCase();
        if (han.test(lower))
          return {
            code: market.code,
            name,
            han: lower as string | undefined,
            test: (text: string) => text.includes(lower),
          };
        const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(lower)}(?![\\p{L}\\p{N}])`, 'u');
        return { code: market.code, name, han: undefined, test: (text: string) => re.test(text) };
      }),
      // Abbreviations that are also English words ("US", "IT") count only in capitals.
      ...market.cased.map((name) => {
        const re = new RegExp(`(?<![A-Za-z])${escapeRegExp(name)}(?![A-Za-z])`, 'u');
        return { code: market.code, name, han: undefined, test: (_: string, raw: string) => re.test(raw) };
      }),
    ])
    .sort((a, b) => b.name.length - a.name.length);
  const removers = [...matchers]
    .map((matcher) => matcher.name)
    .sort((a, b) => b.length - a.length)
    .map((name) =>
      han.test(name)
        ? new RegExp(escapeRegExp(name), 'gu')
        : data.markets.some((market) => market.cased.includes(name))
          ? new RegExp(`(?<![A-Za-z])${escapeRegExp(name)}(?![A-Za-z])`, 'gu')
          : new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu'),
    );

  return {
    data: input,
    find(text) {
      const raw = text.normalize('NFKC');
      let lower = raw.toLowerCase();
      const found = new Map<string, string>();
      for (const matcher of matchers) {
        if (!matcher.test(lower, raw)) continue;
        if (!found.has(matcher.code)) found.set(matcher.code, matcher.name);
        if (matcher.han) lower = lower.split(matcher.han).join(' ');
      }
      const order = new Map(data.markets.map((market, i) => [market.code, i]));
      return [...found]
        .sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
        .map(([code, name]) => ({ code, name }));
    },
    strip(text) {
      let out = text.normalize('NFKC');
      for (const re of removers) out = out.replace(re, ' ');
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
    mentionsAbroad(text) {
      const lower = text.normalize('NFKC').toLowerCase();
      return data.abroad.some((word) =>
        han.test(word)
          ? lower.includes(word)
          : new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word.toLowerCase())}(?![\\p{L}\\p{N}])`, 'u').test(lower),
      );
    },
    agreements(text) {
      const lower = text.normalize('NFKC').toLowerCase();
      return data.agreements
        .filter((agreement) =>
          agreement.names.some((name) =>
            han.test(name)
              ? lower.includes(name)
              : new RegExp(
                  `(?<![\\p{L}\\p{N}])${escapeRegExp(name.toLowerCase())}(?![\\p{L}\\p{N}])`,
                  'u',
                ).test(lower),
          ),
        )
        .map((agreement) => agreement.code);
    },
    isHome: (code) => byCode.get(code)?.home === true,
  };
}
