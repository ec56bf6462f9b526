import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { sha256 } from '../hash.ts';
import type { Lang } from '../text/lang.ts';
import type { LoadProblem } from './loader.ts';
import { readKnowledgeFile } from './safe-read.ts';
import type { KnowledgeDocument } from './schema.ts';

const sideSchema = z.object({
  section: z.string().min(1),
  q: z.string().min(1),
  also: z.array(z.string().min(1)).default([]),
  a: z.string().min(1),
  steps: z.array(z.string().min(1)).default([]),
});

const cardSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/u, 'use a lower-case slug'),
  kind: z.string().min(1),
  markets: z.array(z.string().regex(/^([A-Z]{2}|EU|RCEP|INT)$/u)).optional(),
  en: sideSchema,
  zh: sideSchema,
});

const cardFileSchema = z.object({
  doc: z.string().min(1),
  updated: z.union([z.date(), z.string()]).transform(day),
  review_by: z.union([z.date(), z.string()]).transform(day).optional(),
  cards: z.array(z.unknown()).min(1),
});

function day(value: Date | string): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

export interface CardSide {
  section: string;
  q: string;
  also: string[];
  a: string;
  steps: string[];
}

/** A curated answer: the questions it answers, in both languages, and the section it cites. */
export interface Card {
  id: string;
  kind: string;
  docId: string;
  /** Markets the answer is about: the card's own list, else its document's. */
  markets: string[];
  collection: KnowledgeDocument['meta']['collection'];
  path: string;
  updated: string;
  reviewBy?: string;
  title: Record<Lang, string>;
  zh: CardSide;
  en: CardSide;
}

/** Digits with their decimals; thousands separators dropped (4,800 = 4800). */
function plainNumbers(text: string): string {
  return text.normalize('NFKC').replace(/(?<=\d),(?=\d{3}(?!\d))/gu, '');
}

/** Figures that must be backed by the cited document. */
export function figuresOf(text: string): string[] {
  return [...new Set(plainNumbers(text).match(/\d+(?:\.\d+)*/gu) ?? [])];
}

const months =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';

/**
 * The figures two translations must share: a date's month and day are digits in Chinese
 * (2022年1月1日) but words in English (1 January 2022), so they are left out of the comparison.
 */
export function comparableFigures(text: string, lang: Lang): string {
  const normal = plainNumbers(text);
  const withoutDates =
    lang === 'zh'
      ? chineseNumerals(normal)
          .replace(/(?<!\d)\d{1,2}\s*月(\s*\d{1,2}\s*日)?/gu, ' ')
          .replace(/(\d+(?:\.\d+)?)\s*(万|亿)/gu, (_, n: string, unit: string) =>
            String(Math.round(Number(n) * (unit === '万' ? 1e4 : 1e8))),
          )
      : normal
          .replace(new RegExp(`\\b\\d{1,2}\\s+(?=(${months})\\b)`, 'gu'), ' ')
          .replace(new RegExp(`\\b(${months})\\s+\\d{1,2}\\b`, 'gu'), ' ')
          .replace(/(\d+(?:\.\d+)?)\s*(million|billion)\b/giu, (_, n: string, unit: string) =>
            String(Math.round(Number(n) * (unit.toLowerCase() === 'million' ? 1e6 : 1e9))),
          );
  return figuresOf(withoutDates).sort().join(',');
}

const englishNumbers = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];
const chineseNumbers = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** Small numbers a text spells out ("two months", "一个工作日"): the other version may write digits. */
export function spelledFigures(text: string, lang: Lang): string[] {
  const words = lang === 'en' ? englishNumbers : chineseNumbers;
  return words
    .map((word, n) => ({ word, n }))
    .filter(({ word }) =>
      lang === 'en'
        ? new RegExp(`\\b${word}\\b`, 'iu').test(text)
        : text.includes(`${word}个`) || text.includes(`${word}年`),
    )
    .map(({ n }) => String(n));
}

const digits: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 三十三 → 33, 一千 → 1000: the value of a Chinese numeral below ten thousand. */
function numeralValue(numeral: string): number {
  let total = 0;
  let current = 0;
  const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  for (const char of numeral) {
    const unit = units[char];
    if (unit !== undefined) {
      total += (current || 1) * unit;
      current = 0;
    } else current = digits[char] ?? 0;
  }
  return total + current;
}

/**
 * 第三十三条 → 第33条 and 一千万 → 10000000: Chinese law cites articles and reports amounts in
 * Chinese numerals, English in digits.
 */
function chineseNumerals(text: string): string {
  return text
    .replace(
      /第([零〇一二两三四五六七八九十百]+)条/gu,
      (_, numeral: string) => `第${numeralValue(numeral)}条`,
    )
    .replace(
      /(?<![零〇一二两三四五六七八九十百千数几多])([一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*)(万|亿)/gu,
      (_, numeral: string, unit: string) => String(numeralValue(numeral) * (unit === '万' ? 1e4 : 1e8)),
    );
}

/** Full-width and half-width punctuation compare equal: a punctuation fix must not orphan a card. */
function heading(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** The text under a heading, down to the next heading of the same or a higher level. */
function sectionText(body: string, wanted: string): string | undefined {
  const lines = body.split(/\r?\n/u);
  const start = lines.findIndex((line) => {
    const match = /^#{2,4}\s+(.*)$/u.exec(line);
    return match?.[1] !== undefined && heading(match[1]) === heading(wanted);
  });
  if (start < 0) return undefined;
  const level = /^#+/u.exec(lines[start] ?? '')?.[0].length ?? 2;
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^(#+)\s/u.exec(line);
    if (match?.[1] && match[1].length <= level) break;
    out.push(line);
  }
  return out.join('\n');
}

/**
 * Reads `cards/*.yaml`. A card is checked against the document it cites: the document exists in
 * both languages, the section is one of its headings, every figure of the answer occurs in the
 * document, and the two languages carry the same figures. A card that fails is reported with its
 * file and id and skipped; the rest load.
 */
/** Reuses a card file's result while its text, its document's and the question kinds are unchanged. */
export interface CardFileMemo {
  /** Names the question kinds the cards were checked against. */
  kinds: string;
  get(
    key: string,
    make: () => { cards: Card[]; problems: LoadProblem[] },
  ): { cards: Card[]; problems: LoadProblem[] };
}

export async function loadCards(
  knowledgeDir: string,
  documents: KnowledgeDocument[],
  isKind: (kind: string) => boolean,
  maxFileBytes?: number,
  memo?: CardFileMemo,
): Promise<{ cards: Card[]; problems: LoadProblem[] }> {
  const dir = join(knowledgeDir, 'cards');
  const names = await readdir(dir).catch(() => [] as string[]);
  const docs = new Map(documents.map((doc) => [`${doc.meta.id}/${doc.meta.lang}`, doc]));
  const cards: Card[] = [];
  const problems: LoadProblem[] = [];
  const seen = new Set<string>();
  for (const name of names.filter((n) => /\.ya?ml$/u.test(n)).sort()) {
    const path = `cards/${name}`;
    const read = await readKnowledgeFile(join(dir, name), maxFileBytes);
    if ('reason' in read) {
      problems.push({ path, reason: read.reason });
      continue;
    }
    const docId = /^doc:\s*["']?([\w-]+)/mu.exec(read.text)?.[1] ?? '';
    const load = () => loadCardFile(path, read.text, docs, isKind);
    const result = memo
      ? memo.get(
          [
            path,
            sha256(read.text),
            docs.get(`${docId}/en`)?.hash,
            docs.get(`${docId}/zh`)?.hash,
            memo.kinds,
          ].join(':'),
          load,
        )
      : load();
    problems.push(...result.problems);
    for (const card of result.cards) {
      // Ids are unique across files too: the later file's card is the duplicate.
      if (seen.has(card.id)) {
        problems.push({ path: `${path}#${card.id}`, reason: `duplicate card id ${card.id}` });
        continue;
      }
      seen.add(card.id);
      cards.push(card);
    }
  }
  return { cards, problems };
}

function loadCardFile(
  path: string,
  text: string,
  docs: Map<string, KnowledgeDocument>,
  isKind: (kind: string) => boolean,
): { cards: Card[]; problems: LoadProblem[] } {
  const cards: Card[] = [];
  const problems: LoadProblem[] = [];
  const seen = new Set<string>();
  let file: z.infer<typeof cardFileSchema>;
  try {
    const parsed = cardFileSchema.safeParse(parseYaml(text));
    if (!parsed.success) {
      problems.push({
        path,
        reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
      return { cards, problems };
    }
    file = parsed.data;
  } catch (error) {
    problems.push({ path, reason: `not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return { cards, problems };
  }
  const en = docs.get(`${file.doc}/en`);
  const zh = docs.get(`${file.doc}/zh`);
  if (!en || !zh) {
    problems.push({ path, reason: `document ${file.doc} must exist in zh and en` });
    return { cards, problems };
  }
  file.cards.forEach((raw, i) => {
    const parsed = cardSchema.safeParse(raw);
    const where = `${path}#${(raw as { id?: string })?.id ?? i + 1}`;
    if (!parsed.success) {
      problems.push({
        path: where,
        reason: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '),
      });
      return;
    }
    const card = parsed.data;
    const reason = checkCard(card, { en, zh }, isKind, seen);
    if (reason) {
      problems.push({ path: where, reason });
      return;
    }
    seen.add(card.id);
    cards.push({
      id: card.id,
      kind: card.kind,
      docId: file.doc,
      markets: card.markets ?? en.meta.jurisdictions,
      collection: en.meta.collection,
      path,
      updated: file.updated,
      ...(file.review_by ? { reviewBy: file.review_by } : {}),
      title: { en: en.meta.title, zh: zh.meta.title },
      en: card.en,
      zh: card.zh,
    });
  });
  return { cards, problems };
}

function checkCard(
  card: z.infer<typeof cardSchema>,
  docs: Record<Lang, KnowledgeDocument>,
  isKind: (kind: string) => boolean,
  seen: Set<string>,
): string | undefined {
  if (seen.has(card.id)) return `duplicate card id ${card.id}`;
  if (!isKind(card.kind)) return `unknown kind "${card.kind}": use one from data/question-kinds.yaml`;
  for (const lang of ['en', 'zh'] as const) {
    const side = card[lang];
    const doc = docs[lang];
    const section = sectionText(doc.body, side.section);
    if (section === undefined) return `${lang}.section "${side.section}" is not a heading of ${doc.path}`;
    // A figure must be stated in the section the card cites, so a change there cannot leave the
    // card behind; case numbers and years may come from elsewhere in the document.
    // Either spelling counts: the figure as written (1 January) or normalised (100 million = 100000000).
    const cited = new Set([
      ...comparableFigures(section, lang).split(','),
      ...figuresOf(section),
      ...spelledFigures(section, lang),
    ]);
    const whole = new Set([...comparableFigures(doc.body, lang).split(','), ...figuresOf(doc.body)]);
    const missing = comparableFigures(`${side.a}\n${side.steps.join('\n')}`, lang)
      .split(',')
      .filter((f) => f !== '' && !cited.has(f) && !(f.length >= 3 && whole.has(f)));
    if (missing.length > 0)
      return `${lang} answer states ${missing.join(', ')}, which section "${side.section}" of ${doc.path} does not`;
  }
  const en = comparableFigures(card.en.a, 'en');
  const zh = comparableFigures(card.zh.a, 'zh');
  if (en !== zh)
    return `the zh and en answers carry different figures (en: ${en || 'none'}; zh: ${zh || 'none'})`;
  return undefined;
}
