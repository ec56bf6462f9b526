import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMarketTable, type MarketTable, marketsFileSchema } from '../../src/knowledge/markets.ts';

describe('markets data (knowledge/data/markets.yaml)', () => {
  let markets: MarketTable;
  beforeAll(async () => {
    const raw = parse(await readFile(new URL('../../knowledge/data/markets.yaml', import.meta.url), 'utf8'));
    markets = createMarketTable(marketsFileSchema.parse(raw));
  });
  const codes = (text: string) => markets.find(text).map((m) => m.code);

  it('names markets in English and Chinese, by ISO code in capitals, and by city or office', () => {
    expect(codes('trademark opposition in Argentina')).toEqual(['AR']);
    expect(codes('阿根廷商标异议期')).toEqual(['AR']);
    expect(codes('our goods are held in Hamburg')).toEqual(['DE']);
    expect(codes('filed at the UKIPO')).toEqual(['GB']);
    expect(codes('US and EU filings')).toEqual(['US', 'EU']);
  });

  it('knows the countries beyond the covered ones, by name, capital or port, so they can be declined', () => {
    expect(codes('opposition period in Ethiopia')).toEqual(['ET']);
    expect(codes('our agent in Addis Ababa')).toEqual(['ET']);
    expect(codes('莫桑比克的商标')).toEqual(['MZ']);
    expect(codes('customs at Le Havre')).toEqual(['FR']);
  });

  it('finds no market in IP system names or in words that merely contain a place name', () => {
    for (const text of [
      'priority under the Paris Convention',
      'the Madrid System and the Hague Agreement',
      'IPC under the Strasbourg Agreement',
      '亚马逊平台北美站被投诉',
      'we would like to know',
    ])
      expect(codes(text), text).toEqual([]);
  });

  it('does not read English words as codes, nor a longer Chinese name as a shorter one', () => {
    expect(codes('can you help us with it')).toEqual([]);
    expect(codes('印度尼西亚的商标')).toEqual(['ID']);
    expect(codes('印度的商标')).toEqual(['IN']);
  });

  it('knows which groups speak for a market, and which market is home', () => {
    expect(markets.withGroups('DE')).toEqual(['DE', 'EU']);
    expect(markets.memberOf('VN')).toEqual(['RCEP']);
    expect(markets.isHome('CN')).toBe(true);
    expect(markets.name('TR', 'en')).toBe('Türkiye');
    expect(markets.name('SA', 'zh')).toBe('沙特阿拉伯');
  });

  it('tells the home market as the subject ("Chinese customs") from the home market as the asker', () => {
    expect(markets.namesHomeAsSubject('Can a US company record its mark with Chinese customs?')).toBe(true);
    expect(markets.namesHomeAsSubject('中国海关扣了我们的出口货物')).toBe(true);
    expect(markets.namesHomeAsSubject('We are a Chinese company sued in the US')).toBe(false);
  });

  it('knows the markets a procedure implies without naming them', () => {
    expect(markets.implied('Which court hears most Schedule A cases?')).toEqual(['US']);
    expect(markets.implied('337调查的答辩期限')).toEqual(['US']);
    expect(markets.implied('How long is the EU opposition period?')).toEqual([]);
  });

  it('strips market names so a follow-up can put another in', () => {
    expect(markets.strip('What is the opposition period in Vietnam?')).toBe(
      'What is the opposition period in ?',
    );
    expect(markets.strip('越南商标异议期是多久')).toBe('商标异议期是多久');
  });

  it('rejects a file with a malformed code, saying where', () => {
    expect(() => marketsFileSchema.parse({ markets: [{ code: 'usa', en: 'x', zh: 'y' }] })).toThrow(/code/u);
  });
});
