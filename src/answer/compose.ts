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

const yesNoLead =
  /^(yes|no|not necessarily|usually|generally)\s*[:,]\s*|^(能|不能|可以|不可以|是|否|不是|不会|会|通常|一般)\s*[::,,]\s*/iu;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
      // "No: ..." answers an FAQ's own yes/no question; after the lead sentence that reads oddly.
      const sentences = evidence.sentences.map((s, i) =>
        i === 0 ? s.text : capitalize(s.text.replace(yesNoLead, '')),
      );
      const parts = [sentences.join(joiner)];
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
