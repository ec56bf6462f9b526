import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { sha256 } from '../hash.ts';
import { readKnowledgeFile } from './safe-read.ts';
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

export interface LoadOptions {
  /** Files larger than this are skipped with a reason. */
  maxFileBytes?: number;
  /** Where each id+lang served from until now (the serving manifest): that file keeps it. */
  serving?: Record<string, { path: string }>;
  /** Parses a file, or returns the earlier parse of the same path and content (a reload's cache). */
  parse?: (path: string, raw: string) => KnowledgeDocument | LoadProblem;
}

/**
 * Loads every document it can. A broken one is reported with its path and reason and skipped,
 * so one bad edit never takes the knowledge base down. Two files with one id+lang are both
 * reported; the one serving that id keeps it (on a first build, the first in path order), so a
 * stray copy never silently replaces the real document.
 */
export async function loadKnowledge(knowledgeDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const problems: LoadProblem[] = [];
  const byKey = new Map<string, KnowledgeDocument[]>();
  for (const file of await listMarkdown(knowledgeDir)) {
    const path = relative(knowledgeDir, file).split(sep).join('/');
    const read = await readKnowledgeFile(file, options.maxFileBytes);
    if ('reason' in read) {
      problems.push({ path, reason: read.reason });
      continue;
    }
    const result = (options.parse ?? parseDocument)(path, read.text);
    if ('reason' in result) {
      problems.push(result);
      continue;
    }
    const key = `${result.meta.id}/${result.meta.lang}`;
    byKey.set(key, [...(byKey.get(key) ?? []), result]);
  }
  const documents: KnowledgeDocument[] = [];
  for (const [key, candidates] of byKey) {
    const servingPath = options.serving?.[key]?.path;
    const kept = candidates.find((doc) => doc.path === servingPath) ?? candidates[0];
    if (!kept) continue;
    documents.push(kept);
    for (const other of candidates.filter((doc) => doc !== kept))
      problems.push({
        path: other.path,
        reason: `duplicate id+lang ${key}: ${kept.path} has it${kept.path === servingPath ? ' (serving)' : ''}; give this document its own id`,
      });
  }
  documents.sort((a, b) => a.path.localeCompare(b.path));
  return { documents, problems };
}
