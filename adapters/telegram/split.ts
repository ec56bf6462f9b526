/** Telegram's limit on a message's text, in UTF-16 code units (what String#length counts). */
export const MESSAGE_LIMIT = 4096;

interface Unit {
  raw: string;
  /** Tag name when the unit is an opening or closing tag. */
  open?: string;
  close?: string;
}

interface OpenTag {
  name: string;
  raw: string;
}

type Boundary = 'paragraph' | 'line' | 'sentence' | 'space' | 'any';
const preference: Boundary[] = ['paragraph', 'line', 'sentence', 'space'];

interface Cut {
  end: number;
  stack: OpenTag[];
  length: number;
}

// Tags and entities are atoms, so a cut never lands inside one; `u` keeps surrogate pairs whole.
const unitPattern = /<\/?[a-zA-Z][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[\s\S]/gu;

function atomize(html: string): Unit[] {
  return Array.from(html.matchAll(unitPattern), ([raw]) => {
    const tag = /^<(\/?)([a-zA-Z][\w-]*)/u.exec(raw);
    if (!tag) return { raw };
    return tag[1] ? { raw, close: tag[2] } : { raw, open: tag[2] };
  });
}

function apply(stack: OpenTag[], unit: Unit): OpenTag[] {
  if (unit.open) return [...stack, { name: unit.open, raw: unit.raw }];
  if (unit.close) {
    const at = stack.map((t) => t.name).lastIndexOf(unit.close);
    return at < 0 ? stack : [...stack.slice(0, at), ...stack.slice(at + 1)];
  }
  return stack;
}

const closing = (stack: OpenTag[]) =>
  stack
    .map((t) => `</${t.name}>`)
    .reverse()
    .join('');

const isSpace = (raw: string | undefined) => raw !== undefined && /^\s$/u.test(raw);

function boundaryAfter(units: Unit[], j: number): Boundary {
  const raw = units[j]?.raw;
  if (raw === '\n') return units[j - 1]?.raw === '\n' ? 'paragraph' : 'line';
  if (raw !== undefined && /^[。!?;!?]$/u.test(raw)) return 'sentence';
  if (raw !== undefined && /^[.!?;]$/u.test(raw) && isSpace(units[j + 1]?.raw)) return 'sentence';
  if (isSpace(raw)) return 'space';
  return 'any';
}

/**
 * Splits Telegram HTML into messages of at most `limit` characters: at a paragraph break when
 * there is one, else a line, sentence or word break. Tags open at a cut are closed at the end of
 * one part and reopened at the start of the next, so every part parses on its own.
 */
export function splitHtml(html: string, limit = MESSAGE_LIMIT): string[] {
  if (html.length <= limit) return html.trim() === '' ? [] : [html];
  const units = atomize(html);
  const parts: string[] = [];
  let stack: OpenTag[] = [];
  let i = 0;
  while (i < units.length) {
    // Whitespace at a cut and tags that close right after it belong to neither part.
    while (i < units.length) {
      const unit = units[i] as Unit;
      if (isSpace(unit.raw)) i++;
      else if (unit.close && stack.at(-1)?.name === unit.close) {
        stack = stack.slice(0, -1);
        i++;
      } else break;
    }
    if (i >= units.length) break;

    const prefix = stack.map((t) => t.raw).join('');
    const latest = new Map<Boundary, Cut>();
    let length = prefix.length;
    let open = stack;
    let j = i;
    for (; j < units.length; j++) {
      const unit = units[j] as Unit;
      const next = apply(open, unit);
      const nextLength = length + unit.raw.length;
      if (nextLength + closing(next).length > limit) break;
      open = next;
      length = nextLength;
      const cut = { end: j + 1, stack: open, length };
      latest.set(boundaryAfter(units, j), cut);
      latest.set('any', cut);
    }

    let cut: Cut;
    if (j >= units.length) cut = { end: j, stack: open, length };
    else {
      const natural = preference.map((kind) => latest.get(kind)).filter((c) => c !== undefined);
      // A cut in the first eighth would leave a tiny part; a weaker boundary further on is better,
      // but any natural boundary beats cutting a word in two.
      cut = natural.find((c) => c.length >= prefix.length + limit / 8) ??
        natural[0] ??
        latest.get('any') ?? { end: i + 1, stack: apply(stack, units[i] as Unit), length: 0 };
    }
    const body = units
      .slice(i, cut.end)
      .map((u) => u.raw)
      .join('')
      .trimEnd();
    if (body.replace(/<[^>]*>/gu, '').trim() !== '') parts.push(prefix + body + closing(cut.stack));
    stack = cut.stack;
    i = cut.end;
  }
  return parts;
}
