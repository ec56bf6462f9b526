import { splitSentences } from '../text/sentences.ts';

/** The closing "not legal advice" line of a document: every answer carries its own. */
const boilerplate =
  /not legal advice|consult local counsel or the overseas|不构成法律意见|请咨询当地律师或海外/iu;

/**
 * The quotable units of a passage: sentences of prose, list items one by one, and table rows
 * rewritten as "cell: cell; cell" so a row can answer a question on its own.
 */
export function candidateSentences(text: string): string[] {
  const out: string[] = [];
  let header: string[] | undefined;
  let prose: string[] = [];
  const flush = () => {
    if (prose.length > 0) out.push(...splitSentences(prose.join('\n')));
    prose = [];
  };
  for (const rawLine of text.split(/\r?\n/u)) {
    const line = rawLine.trim();
    if (line.startsWith('|')) {
      flush();
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      if (cells.every((cell) => /^:?-{2,}:?$/u.test(cell))) continue;
      if (!header) {
        header = cells;
        continue;
      }
      const [first, ...rest] = cells;
      const labelled = rest.map((cell, i) => (header?.[i + 1] ? `${header[i + 1]}: ${cell}` : cell));
      out.push(`${first}: ${labelled.join('; ')}`.replace(/\*\*/gu, ''));
      continue;
    }
    header = undefined;
    const item = /^(\d+[.)]|[-*+])\s+(.*)$/u.exec(line);
    if (item) {
      flush();
      out.push(...splitSentences((item[2] ?? '').replace(/\*\*/gu, '')));
      continue;
    }
    if (line.length === 0) flush();
    else prose.push(line.replace(/\*\*/gu, ''));
  }
  flush();
  return out.filter(
    (sentence) => sentence.replace(/[\s\p{P}]/gu, '').length > 3 && !boilerplate.test(sentence),
  );
}

/** The numbered steps of a passage, in order. */
export function numberedSteps(text: string): string[] {
  const steps: string[] = [];
  for (const line of text.split(/\r?\n/u)) {
    const item = /^\s*\d+[.)]\s+(.*)$/u.exec(line);
    if (item?.[1]) steps.push(item[1].replace(/\*\*/gu, '').trim());
  }
  return steps;
}
