import { sha256 } from '../hash.ts';
import type { Chunk } from '../knowledge/chunk.ts';
import type { BuildReport } from '../retrieval/index-builder.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import type { Lang } from '../text/lang.ts';
import { splitSentences } from '../text/sentences.ts';
import { concernedMarkets } from './audience.ts';
import type { Notice, NoticeText } from './notice.ts';

/** An admin's word on one changed document: their own summary, or no notice at all. */
export interface ChangeSummary {
  en?: string;
  zh?: string;
  noNotice?: boolean;
}

const langs: Lang[] = ['en', 'zh'];
const FACT_MAX = 300;

const chunksOf = (index: KnowledgeIndex, docId: string, lang: Lang): Chunk[] =>
  (index.documentChunks.get(`${docId}.${lang}`) ?? []).flatMap((i) => index.chunks[i] ?? []);

const plain = (text: string) =>
  text
    .replace(/\*\*|__|`/gu, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gmu, '')
    .replace(/\s+/gu, ' ')
    .trim();

function clip(text: string): string {
  return text.length > FACT_MAX ? `${text.slice(0, FACT_MAX - 1)}…` : text;
}

/**
 * The first passage of the document whose text is new in this version (an added document: its
 * first passage), and within it the first sentence the old version did not have.
 */
function firstChange(before: Chunk[], after: Chunk[]): { chunk: Chunk; fact: string } | undefined {
  const old = new Set(before.map((chunk) => chunk.hash));
  const oldSentences = new Set(before.flatMap((chunk) => splitSentences(plain(chunk.text))));
  const chunk = after.find((c) => !old.has(c.hash));
  if (!chunk) return undefined;
  const sentences = splitSentences(plain(chunk.text));
  const fact = sentences.find((s) => !oldSentences.has(s)) ?? sentences[0] ?? '';
  return { chunk, fact: clip(fact) };
}

/**
 * One notice per document added or changed by a reload, about the markets its rules apply in:
 * what changed (the admin's summary, else the document's `change_note`, else the section that
 * changed), the new fact in each language whose version changed, and the citation. Documents
 * that apply worldwide (INT) or that the admin marked "no notice" get none.
 */
export function planChangeNotices(
  before: KnowledgeIndex,
  after: KnowledgeIndex,
  report: Pick<BuildReport, 'added' | 'changed'>,
  summaries: Record<string, ChangeSummary> = {},
  now = new Date(),
): Notice[] {
  const docIds = [...new Set([...report.added, ...report.changed].map((key) => key.split('/')[0] ?? key))];
  const notices: Notice[] = [];
  for (const docId of docIds) {
    const admin = summaries[docId];
    if (admin?.noNotice) continue;
    const entries = langs.map((lang) => after.manifest.documents[`${docId}/${lang}`]);
    const first = chunksOf(after, docId, 'en')[0] ?? chunksOf(after, docId, 'zh')[0];
    if (!first) continue;
    const markets = first.jurisdictions.filter((code) => code !== 'INT');
    if (concernedMarkets(after.markets, markets).length === 0) continue;
    const version = sha256(entries.map((entry) => entry?.hash ?? '').join('|')).slice(0, 12);
    const changes = Object.fromEntries(
      langs.map((lang) => [lang, firstChange(chunksOf(before, docId, lang), chunksOf(after, docId, lang))]),
    ) as Record<Lang, ReturnType<typeof firstChange>>;
    const text = {} as Record<Lang, NoticeText>;
    const question = {} as Record<Lang, string>;
    for (const lang of langs) {
      const other: Lang = lang === 'en' ? 'zh' : 'en';
      const docChunks = chunksOf(after, docId, lang);
      const change = changes[lang];
      // The section that changed, read in this language by its place in the document.
      const ordinal = (change ?? changes[other])?.chunk.ordinal;
      const section = docChunks.find((c) => c.ordinal === ordinal) ?? docChunks[0] ?? first;
      const note =
        admin?.[lang]?.trim() ||
        after.manifest.documents[`${docId}/${lang}`]?.changeNote?.trim() ||
        undefined;
      text[lang] = {
        summary:
          note ??
          (lang === 'zh'
            ? `《${section.title}》已更新：${section.section}`
            : `Updated: ${section.title} — ${section.section}`),
        ...(change?.fact ? { fact: change.fact } : {}),
        citation: `${section.title} › ${section.section}`,
      };
      question[lang] = section.faq ? section.section : `${section.section} (${section.title})`;
    }
    notices.push({
      id: `${docId}@${version}`,
      kind: 'change',
      createdAt: now.toISOString(),
      audience: { markets, ipTypes: [], segments: [] },
      text,
      question,
      docId,
    });
  }
  return notices;
}
