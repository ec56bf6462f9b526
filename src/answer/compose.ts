import type { Lang } from '../text/lang.ts';
import type { Evidence } from './extractive.ts';
import { phrases } from './phrases.ts';

export interface ComposeInput {
  question: string;
  lang: Lang;
  evidence: Evidence;
  suggestAssistance: boolean;
}

/** Turns evidence into the reply text; the extractive one quotes, an LLM one may paraphrase. */
export interface Composer {
  readonly name: string;
  compose(input: ComposeInput): Promise<string>;
}

export function citationLine(evidence: Evidence, lang: Lang): string {
  const separator = lang === 'zh' ? ';' : '; ';
  const items = evidence.citations.map((c) => (c.section ? `${c.title} — ${c.section}` : c.title));
  return `${phrases.sources[lang]} ${items.join(separator)}`;
}

/** The default: the answering sentences first, then first steps, then where it comes from. */
export function createExtractiveComposer(): Composer {
  return {
    name: 'extractive',
    async compose({ lang, evidence, suggestAssistance }) {
      const joiner = lang === 'zh' ? '' : ' ';
      const parts = [evidence.sentences.map((s) => s.text).join(joiner)];
      if (evidence.steps.length > 0) {
        parts.push(
          [phrases.firstSteps[lang], ...evidence.steps.map((step, i) => `${i + 1}. ${step}`)].join('\n'),
        );
      }
      if (suggestAssistance) parts.push(phrases.assistance[lang]);
      parts.push(`${citationLine(evidence, lang)}\n${phrases.disclaimer[lang]}`);
      return parts.join('\n\n');
    },
  };
}
