import type { Card } from '../knowledge/cards.ts';
import type { MarketTable } from '../knowledge/markets.ts';

interface CoveredDocument {
  /** The markets the document is about (not those it mentions for who the exporter is). */
  subjects: string[];
  stages: string[];
}

/**
 * What the knowledge covers, market by market and topic by topic, built from front matter when
 * the index is built. It decides whether a question about a market can be answered at all,
 * before any passage is read: an answer about another market's rule is worse than none.
 */
export interface CoverageMap {
  /** Codes whose documents speak for `code` (DE → DE, EU; VN → VN, and RCEP when RCEP is asked about). */
  covering(code: string, aboutRcep: boolean): string[];
  covers(code: string, aboutRcep: boolean): boolean;
  coversTopic(code: string, topic: string, aboutRcep: boolean): boolean;
  /** Markets with at least one document about them, for the reply that says what we cover. */
  markets(): string[];
  /** Topics (front matter stages) covered for a market. */
  topics(code: string, aboutRcep: boolean): string[];
  /** Whether some document speaks of this online marketplace. */
  coversPlatform(platform: string): boolean;
  /** The marketplaces documents speak of. */
  platforms(): string[];
}

/**
 * A document's subject markets: its jurisdictions, except the exporters' home market, which
 * counts only when listed first (a guide about China's own customs, not a US case naming the
 * Chinese defendant's country).
 */
export function subjectMarkets(jurisdictions: string[], markets: MarketTable): string[] {
  return jurisdictions.filter((code, i) => i === 0 || !markets.isHome(code));
}

export function createCoverageMap(
  documents: Array<{ jurisdictions: string[]; stages: string[] }>,
  cards: Card[],
  markets: MarketTable,
  platforms: string[] = [],
): CoverageMap {
  const docs: CoveredDocument[] = [
    ...documents.map((doc) => ({ subjects: subjectMarkets(doc.jurisdictions, markets), stages: doc.stages })),
    ...cards.map((card) => ({ subjects: subjectMarkets(card.markets, markets), stages: [] })),
  ];
  const covering = (code: string, aboutRcep: boolean) => [
    ...markets.withGroups(code),
    ...(aboutRcep ? markets.memberOf(code) : []),
  ];
  const about = (code: string, aboutRcep: boolean) => {
    const codes = covering(code, aboutRcep);
    return docs.filter((doc) => doc.subjects.some((subject) => codes.includes(subject)));
  };
  const subjects = new Set(docs.flatMap((doc) => doc.subjects));
  // In the order of the markets file, which lists the markets exporters ask about most first.
  const all = markets.data.markets.map((market) => market.code).filter((code) => subjects.has(code));
  return {
    covering,
    covers: (code, aboutRcep) => about(code, aboutRcep).length > 0,
    coversTopic: (code, topic, aboutRcep) => about(code, aboutRcep).some((doc) => doc.stages.includes(topic)),
    markets: () => all,
    topics: (code, aboutRcep) => [...new Set(about(code, aboutRcep).flatMap((doc) => doc.stages))],
    coversPlatform: (platform) => platforms.includes(platform),
    platforms: () => platforms,
  };
}
