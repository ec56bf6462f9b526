import type { Lang } from '../text/lang.ts';
import type { Collection } from './schema.ts';

/** A retrievable passage: one section (or one FAQ entry) of a document, with its metadata. */
export interface Chunk {
  id: string;
  docId: string;
  lang: Lang;
  title: string;
  collection: Collection;
  jurisdictions: string[];
  ipTypes: string[];
  stages: string[];
  section: string;
  /** True for a question/answer pair from an FAQ section: `section` is the question. */
  faq: boolean;
  /** Position in the document; the zh and en versions of a document line up by it. */
  ordinal: number;
  text: string;
  hash: string;
  path: string;
}
