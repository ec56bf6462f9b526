import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { escapeRegExp } from '../text/regexp.ts';
import type { LoadProblem } from './loader.ts';
import { readKnowledgeFile } from './safe-read.ts';

const entrySchema = z.object({
  zh: z.array(z.string().min(1)).min(1),
  en: z.array(z.string().min(1)).min(1),
  /** false for places and everyday words ("deadline", "Beijing"): they expand queries but do not mark a question as an IP question. */
  topical: z.boolean().default(true),
});
const fileSchema = z.array(entrySchema);

export type GlossaryEntry = z.input<typeof entrySchema>;

export interface Glossary {
  entries: GlossaryEntry[];
  /** Every glossary term the text contains, matched whole-word for English. */
  find(text: string): GlossaryEntry[];
  /** Terms to add to a query so it also matches documents in the other language. */
  expand(text: string): string[];
  /** All Chinese terms, for the word segmenter's dictionary. */
  chineseTerms(): string[];
}

export function createGlossary(entries: GlossaryEntry[]): Glossary {
  const matchers = entries.map((entry) => {
    // Whole words, with an optional plural ("guidance centres").
    const english = entry.en.map(
      (term) => new RegExp(`(?<![a-z0-9])${escapeRegExp(term.toLowerCase())}(?:s|es)?(?![a-z0-9])`, 'u'),
    );
    const chinese = entry.zh.map((term) => term.normalize('NFKC').toLowerCase());
    return { entry, english, chinese };
  });
  // A question is looked up several times while it is answered (search, concepts, cards).
  const memo = new Map<string, GlossaryEntry[]>();
  const find = (text: string) => {
    const known = memo.get(text);
    if (known) return known;
    const normal = text.normalize('NFKC').toLowerCase();
    const found = matchers
      .filter(
        ({ english, chinese }) =>
          english.some((re) => re.test(normal)) || chinese.some((t) => normal.includes(t)),
      )
      .map(({ entry }) => entry);
    if (memo.size >= 5000) memo.clear();
    memo.set(text, found);
    return found;
  };
  return {
    entries,
    find,
    expand(text) {
      const terms = new Set<string>();
      for (const entry of find(text)) for (const term of [...entry.zh, ...entry.en]) terms.add(term);
      return [...terms];
    },
    chineseTerms() {
      return entries.flatMap((entry) => entry.zh);
    },
  };
}

export async function loadGlossary(dir: string): Promise<{ glossary: Glossary; problems: LoadProblem[] }> {
  const entries: GlossaryEntry[] = [];
  const problems: LoadProblem[] = [];
  let files: string[] = [];
  try {
    files = (await readdir(dir)).filter((name) => /\.ya?ml$/u.test(name)).sort();
  } catch {
    return { glossary: createGlossary([]), problems: [] };
  }
  for (const name of files) {
    const path = `glossary/${name}`;
    try {
      const read = await readKnowledgeFile(join(dir, name));
      if ('reason' in read) {
        problems.push({ path, reason: read.reason });
        continue;
      }
      const parsed = fileSchema.safeParse(parseYaml(read.text));
      if (parsed.success) entries.push(...parsed.data);
      else
        problems.push({
          path,
          reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        });
    } catch (error) {
      problems.push({ path, reason: `not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  return { glossary: createGlossary(entries), problems };
}
