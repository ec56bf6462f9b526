import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { sha256 } from '../hash.ts';
import { frontMatterSchema, type KnowledgeDocument } from './schema.ts';

export interface LoadProblem {
  path: string;
  reason: string;
}

export interface LoadResult {
  documents: KnowledgeDocument[];
  problems: LoadProblem[];
}

const frontMatterPattern = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/u;

async function listMarkdown(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'glossary' && !entry.name.startsWith('.'))
        files.push(...(await listMarkdown(root, path)));
    } else if (entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md') {
      files.push(path);
    }
  }
  return files;
}

export function parseDocument(path: string, raw: string): KnowledgeDocument | LoadProblem {
  const match = frontMatterPattern.exec(raw);
  if (!match) return { path, reason: 'no front matter: start the file with a --- block' };
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (error) {
    return { path, reason: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  const parsed = frontMatterSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const reasons = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'front matter'}: ${issue.message}`,
    );
    return { path, reason: reasons.join('; ') };
  }
  const body = (match[2] ?? '').trim();
  if (body.length === 0) return { path, reason: 'the body is empty' };
  return { meta: parsed.data, body, path, hash: sha256(raw) };
}

/**
 * Loads every document it can. A broken one is reported with its path and reason and skipped,
 * so one bad edit never takes the knowledge base down.
 */
export async function loadKnowledge(knowledgeDir: string): Promise<LoadResult> {
  const documents: KnowledgeDocument[] = [];
  const problems: LoadProblem[] = [];
  const seen = new Map<string, string>();
  for (const file of await listMarkdown(knowledgeDir)) {
    const path = relative(knowledgeDir, file).split(sep).join('/');
    const result = parseDocument(path, await readFile(file, 'utf8'));
    if ('reason' in result) {
      problems.push(result);
      continue;
    }
    const key = `${result.meta.id}/${result.meta.lang}`;
    const first = seen.get(key);
    if (first) {
      problems.push({ path, reason: `duplicate id+lang ${key}: already defined in ${first}` });
      continue;
    }
    seen.set(key, path);
    documents.push(result);
  }
  return { documents, problems };
}
