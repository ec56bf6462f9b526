import type { Lang } from '../text/lang.ts';
import { chinesePunctuation, endSentence } from '../text/punctuation.ts';
import type { Citation } from './answer.ts';
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

export function citationLine(citations: Citation[], lang: Lang): string {
  const separator = lang === 'zh' ? '；' : '; ';
  const items = citations.map((c) => (c.section ? `${c.title} — ${c.section}` : c.title));
  return `${phrases.sources[lang]}${lang === 'zh' ? '' : ' '}${items.join(separator)}`;
}

export interface AnswerParts {
  lead: string;
  steps: string[];
  suggestAssistance: boolean;
  citations: Citation[];
}

/**
 * The one layout of every answer, whoever wrote the lead (a card, quoted sentences, a model):
 * the answer, first steps when asked, the assistance offer, sources and the disclaimer.
 * Chinese answers take full-width punctuation throughout.
 */
export function formatAnswer(parts: AnswerParts, lang: Lang): string {
  const zh = lang === 'zh';
  const tidy = (text: string) => (zh ? chinesePunctuation(text) : text);
  const out = [tidy(parts.lead)];
  if (parts.steps.length > 0) {
    out.push(
      [
        phrases.firstSteps[lang],
        ...parts.steps.map((step, i) => `${i + 1}. ${tidy(endSentence(step, zh))}`),
      ].join('\n'),
    );
  }
  if (parts.suggestAssistance) out.push(phrases.assistance[lang]);
  out.push(`${tidy(citationLine(parts.citations, lang))}\n${phrases.disclaimer[lang]}`);
  return out.join('\n\n');
}

/** The default: the answering sentences first, then first steps, then where it comes from. */
export function createExtractiveComposer(): Composer {
  return {
    name: 'extractive',
    async compose({ lang, evidence, suggestAssistance }) {
      const zh = lang === 'zh';
      // "No: ..." answers an FAQ's own yes/no question; after the lead sentence that reads oddly.
      const sentences = evidence.sentences.map((s, i) =>
        endSentence(i === 0 ? s.text : capitalize(s.text.replace(yesNoLead, '')), zh),
      );
      return formatAnswer(
        {
          lead: sentences.join(zh ? '' : ' '),
          steps: evidence.steps,
          suggestAssistance,
          citations: evidence.citations,
        },
        lang,
      );
    },
  };
}
