import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { IpriskError } from '../errors.ts';
import { sha256 } from '../hash.ts';
import { parseDocument } from '../knowledge/loader.ts';
import { ipTypes } from '../knowledge/schema.ts';
import { isoDay } from '../text/dates.ts';
import type { Lang } from '../text/lang.ts';
import { englishStopwords } from '../text/stopwords.ts';

/**
 * An answer an admin writes in the console for a question users asked and the assistant could not
 * answer. It becomes a small knowledge document (one FAQ entry, with sources) in
 * `KNOWLEDGE_DIR/notes/`, checked like any other document and served after the next reload.
 */
export const answerNoteSchema = z.object({
  lang: z.enum(['zh', 'en']),
  question: z.string().trim().min(4, 'Write the question as users ask it.').max(300),
  answer: z
    .string()
    .trim()
    .min(10, 'Write an answer of at least a sentence; its first sentence should state the key fact.')
    .max(4000),
  title: z.string().trim().max(120).optional(),
  markets: z
    .array(
      z
        .string()
        .trim()
        .regex(/^([A-Z]{2}|EU|RCEP|INT)$/u, 'Markets: ISO codes such as BR, or EU, RCEP, INT.'),
    )
    .min(1, 'Name at least one market (INT when it applies everywhere).'),
  ipTypes: z.array(z.enum(ipTypes)).default([]),
  sources: z
    .array(z.object({ title: z.string().trim().min(1), url: z.string().trim().url().optional() }))
    .min(1, 'List at least one source: the statute, office page or decision the answer rests on.'),
});

export type AnswerNote = z.input<typeof answerNoteSchema>;

const closing: Record<Lang, string> = {
  en: 'This is general information, not legal advice; check the cited source for your case.',
  zh: '以上为一般性信息，不构成法律意见；具体情况请核对所引来源。',
};

const faqHeading: Record<Lang, string> = { en: 'FAQ', zh: '常见问题' };

/** The title when the admin gives none: the citation then reads "Answer notes (CL) — <question>". */
const noteTitle: Record<Lang, string> = { en: 'Answer notes', zh: '答复要点' };

/** A readable id from English words; Chinese questions get a short hash. */
export function noteId(question: string): string {
  const words = question
    .normalize('NFKC')
    .toLowerCase()
    .match(/[a-z0-9]+/gu)
    ?.filter((word) => word.length > 2 && !englishStopwords.has(word))
    .slice(0, 6);
  const slug = words && words.length >= 2 ? words.join('-') : '';
  return `note-${slug ? `${slug}-` : ''}${sha256(question).slice(0, 6)}`;
}

function addMonths(day: Date, months: number): string {
  const next = new Date(day);
  next.setUTCMonth(next.getUTCMonth() + months);
  return isoDay(next);
}

/** The document's text; `today` dates it, and it must be reviewed again in six months. */
export function renderAnswerNote(input: AnswerNote, today: Date): { id: string; path: string; text: string } {
  const note = parse(input);
  const id = noteId(note.question);
  const front = {
    id,
    lang: note.lang,
    title: note.title || `${noteTitle[note.lang]} (${note.markets.join(', ')})`,
    collection: 'guide',
    jurisdictions: note.markets,
    ip_types: note.ipTypes,
    stages: [],
    updated: isoDay(today),
    review_by: addMonths(today, 6),
    sources: note.sources,
  };
  const text = [
    '---',
    stringify(front).trim(),
    '---',
    '',
    `## ${faqHeading[note.lang]}`,
    '',
    `### ${note.question.replace(/\s+/gu, ' ')}`,
    '',
    note.answer,
    '',
    closing[note.lang],
    '',
  ].join('\n');
  const path = `notes/${id}.${note.lang}.md`;
  // The same check a reload makes, so the admin hears what is wrong now, not after reloading.
  const checked = parseDocument(path, text);
  if ('reason' in checked) throw new IpriskError('INVALID_INPUT', checked.reason);
  return { id, path, text };
}

function parse(input: AnswerNote) {
  const parsed = answerNoteSchema.safeParse(input);
  if (!parsed.success)
    throw new IpriskError('INVALID_INPUT', parsed.error.issues.map((issue) => issue.message).join(' '), {
      hint: 'Correct the form and save again.',
    });
  return parsed.data;
}

/** Writes the note into the knowledge folder; an existing note of the same question is not overwritten. */
export async function saveAnswerNote(
  knowledgeDir: string,
  input: AnswerNote,
  today: Date,
): Promise<{ id: string; path: string }> {
  const { id, path, text } = renderAnswerNote(input, today);
  await mkdir(join(knowledgeDir, 'notes'), { recursive: true });
  try {
    await writeFile(join(knowledgeDir, path), text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new IpriskError('CONFLICT', `${path} exists already.`, {
      hint: 'Edit that file in the knowledge folder, then reload.',
    });
  }
  return { id, path };
}
