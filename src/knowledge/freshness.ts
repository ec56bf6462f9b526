import { isoDay } from '../text/dates.ts';
/** When a document was last checked and when a person must check it again (front matter). */
export interface DatedDocument {
  key: string;
  path: string;
  updated?: string;
  reviewBy?: string;
}

export interface Freshness {
  /** Past their `review_by` date: a person must check them against the current law. */
  pastReviewBy: Array<{ key: string; path: string; reviewBy: string }>;
  /** Not updated for more than a year, whatever `review_by` says. */
  olderThanAYear: Array<{ key: string; path: string; updated: string }>;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Laws change: which documents are due for a check on `now`. */
export function freshnessOf(documents: DatedDocument[], now: Date): Freshness {
  const today = isoDay(now);
  return {
    pastReviewBy: documents
      .filter(
        (doc): doc is DatedDocument & { reviewBy: string } =>
          doc.reviewBy !== undefined && doc.reviewBy < today,
      )
      .map(({ key, path, reviewBy }) => ({ key, path, reviewBy }))
      .sort((a, b) => a.reviewBy.localeCompare(b.reviewBy)),
    olderThanAYear: documents
      .filter(
        (doc): doc is DatedDocument & { updated: string } =>
          doc.updated !== undefined && now.getTime() - Date.parse(doc.updated) > YEAR_MS,
      )
      .map(({ key, path, updated }) => ({ key, path, updated }))
      .sort((a, b) => a.updated.localeCompare(b.updated)),
  };
}

/** The same, for the documents of an index manifest (keyed `id/lang`). */
export function freshnessOfIndexed(
  documents: Record<string, Omit<DatedDocument, 'key'>>,
  now: Date,
): Freshness {
  return freshnessOf(
    Object.entries(documents).map(([key, doc]) => ({ key, ...doc })),
    now,
  );
}
