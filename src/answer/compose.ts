import type { Turn } from '../conversation/state.ts';
import { phrases } from '../copy/answers.ts';
import type { Lang } from '../text/lang.ts';
import { chinesePunctuation, endSentence } from '../text/punctuation.ts';
import type { Citation } from './answer.ts';
import type { Evidence } from './extractive.ts';

export interface ComposeInput {
  /** The question as retrieval read it: a follow-up is already standalone. */
  question: string;
  lang: Lang;
  evidence: Evidence;
  suggestAssistance: boolean;
  /** The conversation's earlier turns, oldest first (a model composer shows it the last few). */
  history?: Turn[];
  /** A composer that writes as it goes calls this with the verified text so far. */
  onDraft?: (text: string) => void;
}

/** Turns evidence into the answer's parts; the extractive one quotes, an LLM one may paraphrase. */
export interface Composer {
  readonly name: string;
  compose(input: ComposeInput): Promise<AnswerParts>;
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
 * An answer as its sections, for adapters to render in their own markup: Telegram, Slack, the
 * HTTP API and the console show the same answer. Text is final (Chinese punctuation full-width).
 */
export interface AnswerSections {
  lead: string;
  stepsTitle: string;
  /** Numbered actions for the exporter, without their numbers. */
  steps: string[];
  /** The offer of a human expert, when the answer is about a dispute under way or could not answer. */
  assistance?: string;
  citations: Citation[];
  /** The citations as one "Sources: …" line, for plain text. */
  sourcesLine?: string;
  disclaimer?: string;
}

/** A fixed reply (please type a question, wait a minute) as sections: only its text. */
export function textSections(text: string): AnswerSections {
  return { lead: text, stepsTitle: '', steps: [], citations: [] };
}

/** The sections of an answer built from parts (a card, quoted sentences, a model's lead). */
export function answerSections(parts: AnswerParts, lang: Lang): AnswerSections {
  const zh = lang === 'zh';
  const tidy = (text: string) => (zh ? chinesePunctuation(text) : text);
  return {
    lead: tidy(parts.lead),
    stepsTitle: phrases.firstSteps[lang],
    steps: parts.steps.map((step) => tidy(endSentence(step, zh))),
    ...(parts.suggestAssistance ? { assistance: phrases.assistance[lang] } : {}),
    citations: parts.citations,
    sourcesLine: tidy(citationLine(parts.citations, lang)),
    disclaimer: phrases.disclaimer[lang],
  };
}

/** The plain-text layout: the answer, first steps, the assistance offer, sources and disclaimer. */
export function renderAnswer(sections: AnswerSections): string {
  const out = [sections.lead];
  if (sections.steps.length > 0)
    out.push([sections.stepsTitle, ...sections.steps.map((step, i) => `${i + 1}. ${step}`)].join('\n'));
  if (sections.assistance) out.push(sections.assistance);
  const tail = [sections.sourcesLine, sections.disclaimer].filter((line) => line !== undefined);
  if (tail.length > 0) out.push(tail.join('\n'));
  return out.join('\n\n');
}

/**
 * The one layout of every answer, whoever wrote the lead (a card, quoted sentences, a model).
 * Chinese answers take full-width punctuation throughout.
 */
export function formatAnswer(parts: AnswerParts, lang: Lang): string {
  return renderAnswer(answerSections(parts, lang));
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
      return {
        lead: sentences.join(zh ? '' : ' '),
        steps: evidence.steps,
        suggestAssistance,
        citations: evidence.citations,
      };
    },
  };
}
