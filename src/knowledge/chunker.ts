import { sha256 } from '../hash.ts';
import { splitSentences } from '../text/sentences.ts';
import type { Chunk } from './chunk.ts';
import type { KnowledgeDocument } from './schema.ts';

export interface ChunkOptions {
  /** Longer sections are split at sub-headings, then at paragraph and sentence ends. */
  maxChars: number;
}

const faqHeading = /^(faq|frequently asked questions|常见问题|常见问答|问答)/iu;

interface Section {
  heading: string;
  level: number;
  lines: string[];
}

function splitByHeadings(body: string, level: number, fallbackHeading: string): Section[] {
  const marker = `${'#'.repeat(level)} `;
  const sections: Section[] = [{ heading: fallbackHeading, level, lines: [] }];
  let inFence = false;
  for (const line of body.split(/\r?\n/u)) {
    if (line.trimStart().startsWith('```')) inFence = !inFence;
    if (!inFence && line.startsWith(marker)) {
      sections.push({ heading: line.slice(marker.length).trim(), level, lines: [] });
    } else {
      (sections.at(-1) as Section).lines.push(line);
    }
  }
  return sections.filter(
    (section) => section.lines.join('').trim().length > 0 || section.heading !== fallbackHeading,
  );
}

/** Packs paragraphs (and, for an overlong paragraph, its sentences) into pieces under maxChars. */
export function packText(text: string, maxChars: number): string[] {
  const units: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/u)) {
    const trimmed = paragraph.trim();
    if (trimmed.length === 0) continue;
    if (trimmed.length <= maxChars) units.push(trimmed);
    else units.push(...splitSentences(trimmed));
  }
  const pieces: string[] = [];
  let current = '';
  for (const unit of units) {
    if (current.length > 0 && current.length + unit.length + 2 > maxChars) {
      pieces.push(current);
      current = '';
    }
    current = current.length > 0 ? `${current}\n\n${unit}` : unit;
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}

export function chunkDocument(doc: KnowledgeDocument, options: ChunkOptions = { maxChars: 1600 }): Chunk[] {
  const { meta } = doc;
  const chunks: Chunk[] = [];
  const push = (section: string, text: string, faq: boolean) => {
    const body = text.trim();
    if (body.length === 0) return;
    const ordinal = chunks.length;
    chunks.push({
      id: `${meta.id}.${meta.lang}#${ordinal}`,
      docId: meta.id,
      lang: meta.lang,
      title: meta.title,
      collection: meta.collection,
      jurisdictions: meta.jurisdictions,
      ipTypes: meta.ip_types,
      stages: meta.stages,
      section,
      faq,
      ordinal,
      text: body,
      hash: sha256(`${meta.id}|${meta.lang}|${section}|${body}`),
      path: doc.path,
    });
  };

  const body = doc.body.replace(/^# .*\r?\n/u, '');
  for (const section of splitByHeadings(body, 2, meta.title)) {
    const text = section.lines.join('\n');
    if (faqHeading.test(section.heading)) {
      for (const entry of splitByHeadings(text, 3, section.heading)) {
        const answer = entry.lines.join('\n').trim();
        if (entry.heading === section.heading) push(section.heading, answer, false);
        else push(entry.heading, answer, true);
      }
      continue;
    }
    if (text.length <= options.maxChars) {
      push(section.heading, text, false);
      continue;
    }
    for (const sub of splitByHeadings(text, 3, section.heading)) {
      const heading =
        sub.heading === section.heading ? section.heading : `${section.heading} — ${sub.heading}`;
      for (const piece of packText(sub.lines.join('\n'), options.maxChars)) push(heading, piece, false);
    }
  }
  return chunks;
}
