import type { AnswerResult, Citation } from '../../src/answer/answer.ts';
import type { Lang } from '../../src/text/lang.ts';

/** Telegram HTML only needs these three escaped in text; quotes matter only inside attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The plain-text fallback for a message Telegram refused to parse: tags dropped, entities decoded. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<\/?[a-zA-Z][^>]*>/gu, '')
    .replace(/&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/gu, (whole, name: string) => {
      if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return named[name.toLowerCase()] ?? whole;
    });
}

const sourcesLabel: Record<Lang, string> = { en: 'Sources', zh: '来源' };

export function sourcesHeading(lang: Lang): string {
  return `<b>${sourcesLabel[lang]}</b>`;
}

/** One line per document: a reader wants to know which guides, not every section, at a glance. */
export function compactSources(citations: Citation[], lang: Lang): string {
  const titles = [...new Set(citations.map((c) => c.title))];
  return [sourcesHeading(lang), ...titles.map((title) => `• ${escapeHtml(title)}`)].join('\n');
}

/** The expanded list behind the "Sources" button: every cited section. */
export function fullSources(citations: Citation[], lang: Lang): string {
  const collection: Record<Citation['collection'], Record<Lang, string>> = {
    guide: { en: 'guide', zh: '指引' },
    rcep: { en: 'RCEP', zh: 'RCEP' },
    case: { en: 'case', zh: '案例' },
  };
  const lines = citations.map((c, i) => {
    const section = c.section ? ` — ${escapeHtml(c.section)}` : '';
    return `${i + 1}. <b>${escapeHtml(c.title)}</b>${section} <i>(${collection[c.collection][lang]})</i>`;
  });
  return [sourcesHeading(lang), ...lines].join('\n');
}

/**
 * The answer as Telegram HTML, from the core's sections: lead, first steps, the assistance offer,
 * the bold compact sources and the disclaimer in italics.
 */
export function formatAnswer(result: Pick<AnswerResult, 'sections' | 'lang'>): string {
  const { sections } = result;
  const steps =
    sections.steps.length > 0
      ? [
          escapeHtml(sections.stepsTitle),
          ...sections.steps.map((step, i) => `${i + 1}. ${escapeHtml(step)}`),
        ].join('\n')
      : '';
  return [
    escapeHtml(sections.lead.trim()),
    steps,
    sections.assistance ? escapeHtml(sections.assistance) : '',
    sections.citations.length > 0 ? compactSources(sections.citations, result.lang) : '',
    sections.disclaimer ? `<i>${escapeHtml(sections.disclaimer)}</i>` : '',
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}
