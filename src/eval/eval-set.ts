import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { IpriskError } from '../errors.ts';

const itemSchema = z
  .object({
    id: z.string().min(1),
    lang: z.enum(['zh', 'en']),
    question: z.string().optional(),
    turns: z.array(z.string()).min(1).optional(),
    expect: z.array(z.string().min(1)).min(1).optional(),
    abstain: z.literal(true).optional(),
    /** Where the knowledge answers it (document id, section heading): for the retrieval bench. */
    sources: z
      .array(z.object({ doc: z.string().min(1), section: z.string().optional() }))
      .min(1)
      .optional(),
  })
  .refine(
    (item) => (item.question === undefined) !== (item.turns === undefined),
    'give either question or turns',
  )
  .refine(
    (item) => (item.expect === undefined) !== (item.abstain === undefined),
    'give either expect or abstain',
  );

export type EvalItem = z.infer<typeof itemSchema>;

export function parseEvalSet(text: string, source: string): EvalItem[] {
  const items: EvalItem[] = [];
  text.split(/\r?\n/u).forEach((line, i) => {
    if (line.trim().length === 0) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new IpriskError('USAGE', `${source}:${i + 1}: not valid JSON`);
    }
    const parsed = itemSchema.safeParse(json);
    if (!parsed.success) {
      throw new IpriskError(
        'USAGE',
        `${source}:${i + 1}: ${parsed.error.issues.map((x) => x.message).join('; ')}`,
      );
    }
    items.push(parsed.data);
  });
  return items;
}

export async function readEvalSet(path: string): Promise<EvalItem[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new IpriskError('USAGE', `cannot read eval file ${path}`, { cause: error });
  }
  return parseEvalSet(text, path);
}

/** Reads an eval set from a .jsonl file or every .jsonl file in a folder; none at that path is no set. */
export async function readEvalItems(path: string): Promise<EvalItem[] | undefined> {
  if (path.trim() === '') return undefined;
  const info = await stat(path).catch(() => undefined);
  if (!info) return undefined;
  const files = info.isDirectory()
    ? (await readdir(path))
        .filter((name) => name.endsWith('.jsonl'))
        .sort()
        .map((name) => join(path, name))
    : [path];
  const items: EvalItem[] = [];
  for (const file of files) items.push(...(await readEvalSet(file)));
  return items;
}
