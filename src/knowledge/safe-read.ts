import { lstat, readFile } from 'node:fs/promises';

/** The default size limit of one knowledge file (KNOWLEDGE_MAX_FILE_KB). */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024;

/**
 * Reads one file of the knowledge folder, or says why it is skipped: a symbolic link is not
 * followed (it may point anywhere, or nowhere), a FIFO or device would block the build, and an
 * oversized file would swell the index. Checked with lstat before anything is opened.
 */
export async function readKnowledgeFile(
  file: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<{ text: string } | { reason: string }> {
  const info = await lstat(file).catch(() => undefined);
  if (!info) return { reason: 'the file disappeared while the knowledge was read' };
  if (info.isSymbolicLink())
    return { reason: 'a symbolic link: not followed; copy the file into the knowledge folder instead' };
  if (!info.isFile()) return { reason: 'not a regular file (a FIFO, socket or device): skipped' };
  if (info.size > maxBytes)
    return {
      reason: `${Math.ceil(info.size / 1024)} KB, over the ${Math.round(maxBytes / 1024)} KB limit (KNOWLEDGE_MAX_FILE_KB): split it into smaller documents`,
    };
  return { text: await readFile(file, 'utf8') };
}
