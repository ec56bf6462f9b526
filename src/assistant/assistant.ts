import type { AnswerResult } from '../answer/answer.ts';
import type { Composer } from '../answer/compose.ts';
import { type AnswerTuning, defaultTuning, gatherEvidence } from '../answer/extractive.ts';
import {
  answerShapeSearch,
  asksForCost,
  describesActiveDispute,
  hasDomainSignal,
  mentionsMoney,
} from '../answer/intent.ts';
import { phrases } from '../answer/phrases.ts';
import { resolveFollowUp } from '../conversation/followup.ts';
import { type ConversationState, emptyState, MAX_TURNS } from '../conversation/state.ts';
import type { Logger } from '../logger.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { type RetrievalFilters, retrieve } from '../retrieval/retriever.ts';
import type { SessionStore } from '../sessions/session-store.ts';
import { detectLang, type Lang, requestedLang } from '../text/lang.ts';

export interface AskInput {
  text: string;
  /** Conversation key (adapter-specific, e.g. telegram:<chat>); none means a one-off question. */
  sessionId?: string;
  filters?: RetrievalFilters;
}

export interface Thresholds {
  /** Minimum share of the question's terms found in the best passage. */
  coverage: number;
  /** Higher bar when the question has no IP vocabulary at all. */
  coverageWithoutDomain: number;
}

/**
 * Calibrated on the project's eval sets: real questions carry situational words ("our CNC
 * machines", "鲜切花") that no passage contains, so with IP vocabulary a low share suffices;
 * without it, only a near-complete match is trusted.
 */
export const defaultThresholds: Thresholds = { coverage: 0.08, coverageWithoutDomain: 0.8 };

export interface AssistantDeps {
  /** Called per question, so a reload swaps the index between questions, never during one. */
  getIndex: () => KnowledgeIndex;
  sessions: SessionStore<ConversationState>;
  sessionTtlSeconds: number;
  composer: Composer;
  logger: Logger;
  thresholds?: Thresholds;
  tuning?: AnswerTuning;
  now?: () => Date;
}

/** Questions longer than this are cut before retrieval: nobody asks in 10,000 characters. */
export const MAX_QUESTION_CHARS = 1000;

export function cleanQuestion(text: string): string {
  return text
    .replace(/\p{Cc}/gu, ' ')
    .replace(/<[^>]{0,200}>/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .slice(0, MAX_QUESTION_CHARS);
}

export function createAssistant(deps: AssistantDeps) {
  const thresholds = deps.thresholds ?? defaultThresholds;
  const now = deps.now ?? (() => new Date());

  async function loadState(sessionId: string | undefined): Promise<ConversationState> {
    if (!sessionId) return emptyState();
    return (await deps.sessions.get(sessionId)) ?? emptyState();
  }

  async function ask(input: AskInput): Promise<AnswerResult> {
    const started = performance.now();
    const index = deps.getIndex();
    const question = cleanQuestion(input.text);
    const state = await loadState(input.sessionId);
    const hasWords = /[\p{L}\p{N}]/u.test(question);
    // /lang pins the reply language; otherwise the question's own language decides.
    const lang: Lang = state.lang ?? requestedLang(question) ?? (hasWords ? detectLang(question) : 'en');
    const base = { lang, citations: [], suggestAssistance: false };

    if (!hasWords || index.tokenizer.terms(question).length === 0) {
      return {
        ...base,
        answer: phrases.empty[lang],
        abstained: true,
        timings: { retrieveMs: 0, totalMs: ms(started) },
      };
    }

    const resolved = resolveFollowUp(question, state.topic);
    const retrieveStarted = performance.now();
    const results = await retrieve(index, {
      text: resolved.query,
      lang,
      markets: resolved.markets,
      hints: answerShapeSearch(resolved.intent),
      limit: (deps.tuning ?? defaultTuning).passages,
      ...(input.filters ? { filters: input.filters } : {}),
    });
    const retrieveMs = ms(retrieveStarted);
    const evidence = gatherEvidence(
      index,
      resolved.query,
      lang,
      resolved.markets,
      results,
      deps.tuning,
      resolved.intent,
    );
    const domain = hasDomainSignal(resolved.query, index.glossary);
    const suggestAssistance = describesActiveDispute(question);
    const needed = domain ? thresholds.coverage : thresholds.coverageWithoutDomain;
    const abstained =
      evidence.sentences.length === 0 ||
      evidence.coverage < needed ||
      !evidence.marketCovered ||
      // Without IP vocabulary, one matching word ("president") is a coincidence, not evidence.
      (!domain && evidence.topicalConcepts < 2) ||
      (asksForCost(resolved.intent) && !evidence.sentences.some((s) => mentionsMoney(s.text)));

    const answer = abstained
      ? `${phrases.abstain[lang]}${suggestAssistance ? `\n\n${phrases.assistance[lang]}` : ''}`
      : await deps.composer.compose({ question: resolved.query, lang, evidence, suggestAssistance });
    deps.logger.debug(
      {
        coverage: evidence.coverage,
        domain,
        abstained,
        followUp: resolved.followUp,
        markets: resolved.markets,
      },
      'answered',
    );

    if (input.sessionId) {
      const turns = [
        ...state.turns,
        { question, resolved: resolved.query, answer, abstained, at: now().toISOString() },
      ].slice(-MAX_TURNS);
      const topic = abstained ? state.topic : { query: resolved.query, markets: resolved.markets };
      await deps.sessions.set(
        input.sessionId,
        { ...state, turns, ...(topic ? { topic } : {}) },
        deps.sessionTtlSeconds,
      );
    }

    return {
      answer,
      lang,
      abstained,
      suggestAssistance,
      citations: abstained ? [] : evidence.citations,
      timings: { retrieveMs, totalMs: ms(started) },
    };
  }

  /** Pins the reply language for a session; undefined goes back to each question's language. */
  async function setLanguage(sessionId: string, lang: Lang | undefined): Promise<void> {
    const { lang: _previous, ...state } = await loadState(sessionId);
    await deps.sessions.set(sessionId, lang ? { ...state, lang } : state, deps.sessionTtlSeconds);
  }

  async function reset(sessionId: string): Promise<void> {
    await deps.sessions.delete(sessionId);
  }

  return { ask, setLanguage, reset };
}

function ms(since: number): number {
  return Math.round((performance.now() - since) * 100) / 100;
}

export type Assistant = ReturnType<typeof createAssistant>;
