import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { IpriskError } from '../errors.ts';

/** The data files shipped with the product, used when a knowledge folder brings none of its own. */
const shippedDataDir = fileURLToPath(new URL('../../knowledge/data', import.meta.url));

/**
 * Reads `data/<name>` of the knowledge folder (markets, question kinds): behaviour that is data,
 * kept beside the documents it describes. A folder without its own copy uses the shipped one.
 */
export async function readDataFile<T extends z.ZodTypeAny>(
  knowledgeDir: string,
  name: string,
  schema: T,
): Promise<z.infer<T>> {
  let raw: string;
  let path = join(knowledgeDir, 'data', name);
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    path = join(shippedDataDir, name);
    raw = await readFile(path, 'utf8');
  }
  const parsed = schema.safeParse(parseYaml(raw));
  if (!parsed.success) {
    throw new IpriskError(
      'KNOWLEDGE_INVALID',
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      { hint: `Fix ${name}; see knowledge/README.md.` },
    );
  }
  return parsed.data;
}
