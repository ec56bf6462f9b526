import type { Collection } from '../knowledge/schema.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { isoDay } from '../text/dates.ts';
import type { Lang } from '../text/lang.ts';

/** One served document as an admin sees it. */
export interface CatalogDocument {
  id: string;
  lang: Lang;
  title: string;
  collection: Collection;
  jurisdictions: string[];
  ipTypes: string[];
  path: string;
  updated?: string;
  reviewBy?: string;
  pastReview: boolean;
  sections: string[];
  /** Whether the same id is served in the other language. */
  twin: boolean;
  cards: number;
}

export interface Catalog {
  documents: CatalogDocument[];
  /** Documents per collection and language. */
  totals: Array<{ collection: Collection; lang: Lang; documents: number; chunks: number }>;
  cards: number;
}

/** The serving index's documents, from its passages and manifest (nothing is read from disk). */
export function catalogOf(index: KnowledgeIndex, today: Date): Catalog {
  const day = isoDay(today);
  const byKey = new Map<string, CatalogDocument>();
  const chunkCounts = new Map<string, number>();
  for (const chunk of index.chunks) {
    const key = `${chunk.docId}/${chunk.lang}`;
    let doc = byKey.get(key);
    if (!doc) {
      const entry = index.manifest.documents[key];
      doc = {
        id: chunk.docId,
        lang: chunk.lang,
        title: chunk.title,
        collection: chunk.collection,
        jurisdictions: chunk.jurisdictions,
        ipTypes: chunk.ipTypes,
        path: entry?.path ?? chunk.path,
        ...(entry?.updated ? { updated: entry.updated } : {}),
        ...(entry?.reviewBy ? { reviewBy: entry.reviewBy } : {}),
        pastReview: Boolean(entry?.reviewBy && entry.reviewBy < day),
        sections: [],
        twin: false,
        cards: 0,
      };
      byKey.set(key, doc);
    }
    if (!doc.sections.includes(chunk.section)) doc.sections.push(chunk.section);
    const totalKey = `${chunk.collection}/${chunk.lang}`;
    chunkCounts.set(totalKey, (chunkCounts.get(totalKey) ?? 0) + 1);
  }
  const cardsByDoc = new Map<string, number>();
  for (const card of index.resources.cards) cardsByDoc.set(card.docId, (cardsByDoc.get(card.docId) ?? 0) + 1);
  const documents = [...byKey.values()]
    .map((doc) => ({
      ...doc,
      twin: byKey.has(`${doc.id}/${doc.lang === 'zh' ? 'en' : 'zh'}`),
      cards: cardsByDoc.get(doc.id) ?? 0,
    }))
    .sort(
      (a, b) =>
        a.collection.localeCompare(b.collection) || a.id.localeCompare(b.id) || a.lang.localeCompare(b.lang),
    );
  const totals = new Map<string, Catalog['totals'][number]>();
  for (const doc of documents) {
    const key = `${doc.collection}/${doc.lang}`;
    const total = totals.get(key) ?? {
      collection: doc.collection,
      lang: doc.lang,
      documents: 0,
      chunks: chunkCounts.get(key) ?? 0,
    };
    total.documents += 1;
    totals.set(key, total);
  }
  return { documents, totals: [...totals.values()], cards: index.resources.cards.length };
}
