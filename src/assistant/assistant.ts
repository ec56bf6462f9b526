import {
  analyzeQuestion,
  askingClause,
  askingSentence,
  type QuestionAnalysis,
  scopeGate,
} from '../answer/analyze.ts';
import type { AnswerResult, Citation, Explanation } from '../answer/answer.ts';
import type { CardMatch } from '../answer/card-matcher.ts';
import {
  type AnswerSections,
  answerSections,
  type Composer,
  renderAnswer,
  textSections,
} from '../answer/compose.ts';
import { questionConcepts } from '../answer/concepts.ts';
import { documentSteps, gatherEvidence } from '../answer/extractive.ts';
import type { QuestionRewriter } from '../answer/rewriter.ts';
import { defaultTuning, type Tuning } from '../answer/tuning.ts';
import { resolveFollowUp } from '../conversation/followup.ts';
import { type ConversationState, emptyState, MAX_TURNS } from '../conversation/state.ts';
import { marketNotCovered, phrases, platformNotCovered, topicNotCovered } from '../copy/answers.ts';
import type { Logger } from '../logger.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { type RetrievalFilters, retrieve } from '../retrieval/retriever.ts';
import type { ConversationLock } from '../sessions/conversation-lock.ts';
import { createKeyedQueue } from '../sessions/keyed-queue.ts';
import type { SessionStore } from '../sessions/session-store.ts';
import type { StoreHealth } from '../sessions/store-health.ts';
import { detectLang, type Lang, requestedLang } from '../text/lang.ts';

export interface AskInput {
  text: string;
  /** Conversation key (adapter-specific, e.g. telegram:<chat>); none means a one-off question. */
  sessionId?: string;
  filters?: RetrievalFilters;
  /** Return why this answer won (`iprisk ask --explain`). */
  explain?: boolean;
  /**
   * Receives the answer as it is written (LLM mode): verified sentences so far, each call the
   * whole text. The returned answer is the final one; without a streaming composer it is never called.
   */
  onDraft?: (text: string) => void;
}

export interface AssistantDeps {
  /** Called per question, so a reload swaps the index between questions, never during one. */
  getIndex: () => KnowledgeIndex;
  sessions: SessionStore<ConversationState>;
  sessionTtlSeconds: number;
  composer: Composer;
  logger: Logger;
  tuning?: Tuning;
  now?: () => Date;
  /** Whether the session store answers: while it is away, answers go on without history. */
  storeHealth?: StoreHealth;
  /** Takes one conversation's turns one at a time across instances (Redis); in-process by default. */
  conversationLock?: ConversationLock;
  /** LLM mode: a follow-up is rewritten into a standalone question before retrieval. */
  rewriter?: QuestionRewriter;
}

/** Questions longer than this are cut before retrieval: nobody asks in 10,000 characters. */
export const MAX_QUESTION_CHARS = 1000;

/**
 * NFKC folds full-width letters and digits from Chinese keyboards; zero-width characters pasted
 * from web pages and chat apps would otherwise split words.
 */
export function cleanQuestion(text: string): string {
  return (
    text
      .normalize('NFKC')
      // Zero-width and direction marks come with pasted text and split words invisibly.
      .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/gu, '')
      .replace(/\p{Cc}/gu, ' ')
      .replace(/<[^>]{0,200}>/gu, ' ')
      .replace(/\s+/gu, ' ')
      .trim()
      .slice(0, MAX_QUESTION_CHARS)
  );
}

interface Decision {
  /** What the user reads; its citations and assistance offer are the answer's. */
  sections: AnswerSections;
  abstained: boolean;
  route: Explanation['route'];
  reason: string;
}

function cardCitation(match: CardMatch, lang: Lang): Citation {
  const card = match.card;
  return {
    id: card.docId,
    title: card.title[lang],
    collection: card.collection,
    section: card[lang].section,
  };
}

export function createAssistant(deps: AssistantDeps) {
  const tuning = deps.tuning ?? defaultTuning;
  const now = deps.now ?? (() => new Date());

  async function loadState(sessionId: string | undefined): Promise<ConversationState> {
    if (!sessionId) return emptyState();
    return (await deps.sessions.get(sessionId)) ?? emptyState();
  }

  function abstain(lang: Lang, analysis: QuestionAnalysis, reason: string, text?: string): Decision {
    // Whoever asks about an IP matter we cannot answer still gets a way to a person.
    const offer = analysis.domain || analysis.activeDispute;
    const body = text ?? phrases.abstain[lang];
    return {
      sections: {
        ...textSections(body),
        ...(offer ? { assistance: phrases.assistanceAfterAbstain[lang] } : {}),
      },
      abstained: true,
      route: 'abstain',
      reason,
    };
  }

  // One conversation's turns one after another: each reads the history the previous one wrote.
  const queue = createKeyedQueue();
  const inTurn = <T>(sessionId: string | undefined, task: () => Promise<T>): Promise<T> => {
    if (sessionId === undefined) return task();
    const locked = deps.conversationLock;
    return queue.run(sessionId, locked ? () => locked(sessionId, task) : task);
  };

  function ask(input: AskInput): Promise<AnswerResult> {
    return inTurn(input.sessionId, () => answer(input));
  }

  async function answer(input: AskInput): Promise<AnswerResult> {
    const started = performance.now();
    const index = deps.getIndex();
    const question = index.speller.correct(cleanQuestion(input.text));
    const state = await loadState(input.sessionId);
    const hasWords = /[\p{L}\p{N}]/u.test(question);
    // /lang pins the reply language; otherwise the question's own language decides.
    const lang: Lang = state.lang ?? requestedLang(question) ?? (hasWords ? detectLang(question) : 'en');

    if (!hasWords || index.tokenizer.terms(question).length === 0) {
      return {
        lang,
        citations: [],
        suggestAssistance: false,
        answer: phrases.empty[lang],
        sections: textSections(phrases.empty[lang]),
        abstained: true,
        timings: { retrieveMs: 0, totalMs: ms(started) },
      };
    }

    const offline = resolveFollowUp(question, state.topic, {
      markets: index.markets,
      kinds: index.kinds,
      hasSubject: (text) =>
        index.kinds.hasDomainWords(text) ||
        index.glossary.find(text).some((entry) => entry.topical !== false),
      foreignWords: (text) => index.tokenizer.words(text).filter((word) => !index.bm25.has(word)).length,
    });
    // With a model, a follow-up is rewritten from the conversation into a question of its own
    // ("And in Japan?" → "How long is the trademark opposition period in Japan?"); without one,
    // or if it fails, the offline reading stands.
    const standalone =
      offline.followUp && deps.rewriter ? await deps.rewriter.rewrite(question, state.turns) : undefined;
    const rewrittenMarkets = standalone ? index.markets.find(standalone).map((m) => m.code) : [];
    const resolved = standalone
      ? {
          ...offline,
          query: standalone,
          markets: rewrittenMarkets.length > 0 ? rewrittenMarkets : offline.markets,
        }
      : offline;
    const analysis = analyzeQuestion(index, resolved.query, resolved.intent, resolved.markets, question);
    const covering = new Map(
      analysis.markets.map((code) => [code, index.coverage.covering(code, analysis.aboutRcep)]),
    );
    const explanation: Explanation = {
      resolved: resolved.query,
      followUp: resolved.followUp,
      markets: analysis.markets,
      uncovered: analysis.uncovered,
      kinds: analysis.kinds,
      topics: analysis.topics,
      domain: analysis.domain,
      activeDispute: analysis.activeDispute,
      route: 'abstain',
      reason: '',
      cards: [],
      passages: [],
      sentences: [],
    };
    let retrieveMs = 0;

    const decide = async (): Promise<Decision> => {
      const scope = scopeGate(index, analysis, resolved.query);
      if (!scope.inScope && scope.reason === 'matter')
        return abstain(lang, analysis, `the knowledge does not cover ${scope.matters.join(', ')}`);
      if (!scope.inScope && scope.reason === 'platform') {
        const name = (platform: string) => index.kinds.platformName(platform);
        return abstain(
          lang,
          analysis,
          `no document speaks of ${scope.platforms.join(', ')}`,
          platformNotCovered(lang, scope.platforms.map(name), index.coverage.platforms().map(name)),
        );
      }
      if (!scope.inScope) {
        const names = scope.markets.map((code) => index.markets.name(code, lang));
        if (scope.reason === 'market') {
          const covered = index.coverage
            .markets()
            .filter((code) => code !== 'EP')
            .map((code) => index.markets.name(code, lang));
          return abstain(
            lang,
            analysis,
            `no document covers ${scope.markets.join(', ')}`,
            marketNotCovered(lang, names, covered),
          );
        }
        const topics = scope.markets.flatMap((code) => index.coverage.topics(code, analysis.aboutRcep));
        return abstain(
          lang,
          analysis,
          `no document about ${scope.markets.join(', ')} covers ${scope.topic}`,
          topicNotCovered(lang, names, scope.topic, [...new Set(topics)]),
        );
      }

      const intentWords = new Set(
        resolved.intent === resolved.query ? [] : index.tokenizer.words(resolved.intent),
      );
      const concepts = questionConcepts(index, resolved.query).map((concept) =>
        intentWords.size === 0 ||
        concept.alternatives.some((words) => words.some((word) => intentWords.has(word)))
          ? concept
          : { ...concept, emphasis: 0.3 },
      );
      // What is asked now: the last clause of the asking sentence when it names a subject of its
      // own ("…, what evidence did they file?"), else the whole sentence.
      const focusConcepts = (text: string) => {
        const clause = questionConcepts(index, askingClause(text));
        return clause.filter((concept) => !concept.market).length >= 2
          ? clause
          : questionConcepts(index, askingSentence(text));
      };
      const matches = index.cards.match(
        {
          question: resolved.query,
          concepts,
          // What is asked now: the follow-up itself, or the sentence of a long story that asks.
          focus: focusConcepts(resolved.followUp ? resolved.intent : resolved.query),
          kinds: analysis.kinds,
          topics: analysis.topics,
          markets: analysis.markets,
          covering,
          followUp: resolved.followUp && resolved.intent !== resolved.query,
        },
        tuning.card,
      );
      explanation.cards = matches.map((m) => ({
        id: m.card.id,
        score: round(m.score),
        paraphrase: m.paraphrase,
        features: Object.fromEntries(Object.entries(m.features).map(([k, v]) => [k, round(v)])),
      }));
      // Asked how much (or how long), an answer without an amount (or a period or date) does not
      // answer: such a card never leads.
      const wantsAmount = analysis.kinds.includes('cost');
      const wantsPeriod = analysis.kinds.includes('deadline');
      // A card of another kind than asked that shares none of the question's focus (what its
      // asking clause is about) answers another question.
      const best = matches.find(
        (m) =>
          (m.features.focus > 0 || m.features.kind >= 0) &&
          (!wantsAmount || index.kinds.answerFits('cost', m.card[lang].a, 0)) &&
          (!wantsPeriod || index.kinds.answerFits('deadline', m.card[lang].a, 0)),
      );
      const threshold = analysis.domain ? tuning.card.threshold : tuning.card.thresholdWithoutDomain;
      const answerWithCard = (match: CardMatch, reason: string): Decision => {
        const side = match.card[lang];
        const wantsSteps = analysis.kinds.includes('steps') || match.card.kind === 'steps';
        // Asked what to do, a card without steps of its own borrows its document's first steps.
        const cited = index.documentChunks.get(`${match.card.docId}.${lang}`)?.[0];
        const citedChunk = cited === undefined ? undefined : index.chunks[cited];
        const steps = !wantsSteps
          ? []
          : side.steps.length > 0 || !citedChunk
            ? side.steps
            : documentSteps(index, citedChunk, concepts);
        return {
          sections: answerSections(
            {
              lead: side.a,
              steps,
              suggestAssistance: analysis.activeDispute,
              citations: [cardCitation(match, lang)],
            },
            lang,
          ),
          abstained: false,
          route: 'card',
          reason,
        };
      };
      if (best && best.score >= threshold)
        return answerWithCard(best, `card ${best.card.id} scored ${round(best.score)} ≥ ${threshold}`);
      // A card that nearly matched still beats weak passages or an abstention on an in-scope question.
      const runnerUp = analysis.domain ? tuning.card.secondChance : tuning.card.secondChanceWithoutDomain;
      const secondChance = (why: string): Decision | undefined =>
        best && best.score >= runnerUp
          ? answerWithCard(best, `card ${best.card.id} scored ${round(best.score)} ≥ ${runnerUp} and ${why}`)
          : undefined;
      if (!analysis.domain && tuning.gate.passagesNeedDomain)
        return (
          secondChance('the question has no IP vocabulary for passages') ??
          abstain(lang, analysis, `no IP vocabulary and no card reached ${threshold}`)
        );

      const retrieveStarted = performance.now();
      const results = await retrieve(index, {
        text: resolved.query,
        lang,
        markets: analysis.markets,
        hints: index.kinds.searchHints(resolved.intent),
        wantsCases: analysis.kinds.includes('cases'),
        limit: tuning.extract.passages,
        ...(input.filters ? { filters: input.filters } : {}),
      });
      retrieveMs = ms(retrieveStarted);
      explanation.passages = results.map((r) => ({
        id: r.chunk.id,
        section: r.chunk.section,
        score: round(r.score),
      }));
      const evidence = gatherEvidence(
        index,
        {
          question: resolved.query,
          lang,
          markets: analysis.markets,
          covering,
          kinds: analysis.kinds,
          intent: resolved.intent,
          concepts,
        },
        results,
        tuning.extract,
      );
      explanation.sentences = evidence.sentences.map((s) => ({ text: s.text, score: round(s.score) }));
      explanation.coverage = round(evidence.coverage);
      const needed = analysis.domain ? tuning.gate.coverage : tuning.gate.coverageWithoutDomain;
      if (evidence.coverage < tuning.card.secondChanceCoverage) {
        const card = secondChance(`passage coverage is only ${round(evidence.coverage)}`);
        if (card) return card;
      }
      if (evidence.sentences.length === 0)
        return abstain(
          lang,
          analysis,
          analysis.markets.length > 0 ? 'no passage about the market asked' : 'no passage found',
        );
      if (evidence.coverage < needed)
        return abstain(lang, analysis, `passage coverage ${round(evidence.coverage)} < ${needed}`);
      // Weak passages that no nearly-matching card points to are a coincidence of words: the
      // right answer's document usually shows up in both searches.
      const corroborated = matches.some(
        (m) => m.card.docId === evidence.citations[0]?.id && m.score >= tuning.gate.corroboratingCard,
      );
      if (!corroborated && evidence.coverage < tuning.gate.uncorroborated)
        return abstain(
          lang,
          analysis,
          `passage coverage ${round(evidence.coverage)} < ${tuning.gate.uncorroborated} and no card points to its document`,
        );
      // Without IP vocabulary, one matching word ("president") is a coincidence, not evidence.
      if (!analysis.domain && evidence.topicalConcepts < 2)
        return abstain(lang, analysis, 'no IP vocabulary and too few matching words');
      if (
        analysis.kinds.includes('cost') &&
        !evidence.sentences.some((s) => index.kinds.answerFits('cost', s.text, 0))
      )
        return abstain(lang, analysis, 'a cost question and no passage states an amount');
      const parts = await deps.composer.compose({
        question: resolved.query,
        lang,
        evidence,
        suggestAssistance: analysis.activeDispute,
        history: state.turns,
        ...(input.onDraft ? { onDraft: input.onDraft } : {}),
      });
      return {
        sections: answerSections(parts, lang),
        abstained: false,
        route: 'passages',
        reason: `no card reached ${tuning.card.threshold}; quoted passages (coverage ${round(evidence.coverage)})`,
      };
    };

    const decision = await decide();
    explanation.route = decision.route;
    explanation.reason = decision.reason;
    // answerSections and the fixed replies already give Chinese answers full-width punctuation.
    const answer = renderAnswer(decision.sections);
    deps.logger.debug(
      { route: decision.route, reason: decision.reason, followUp: resolved.followUp },
      'answered',
    );

    if (input.sessionId) {
      const turns = [
        ...state.turns,
        {
          question,
          resolved: resolved.query,
          answer,
          abstained: decision.abstained,
          at: now().toISOString(),
        },
      ].slice(-MAX_TURNS);
      const topic = decision.abstained ? state.topic : { query: resolved.query, markets: resolved.markets };
      await deps.sessions.set(
        input.sessionId,
        { ...state, turns, ...(topic ? { topic } : {}) },
        deps.sessionTtlSeconds,
      );
    }

    return {
      answer,
      sections: decision.sections,
      lang,
      abstained: decision.abstained,
      suggestAssistance: decision.sections.assistance !== undefined,
      citations: decision.sections.citations,
      timings: { retrieveMs, totalMs: ms(started) },
      ...(input.sessionId && deps.storeHealth?.down() ? { withoutHistory: true as const } : {}),
      ...(input.explain ? { explanation } : {}),
    };
  }

  /** Pins the reply language for a session; undefined goes back to each question's language. */
  function setLanguage(sessionId: string, lang: Lang | undefined): Promise<void> {
    return inTurn(sessionId, async () => {
      const { lang: _previous, ...state } = await loadState(sessionId);
      await deps.sessions.set(sessionId, lang ? { ...state, lang } : state, deps.sessionTtlSeconds);
    });
  }

  function reset(sessionId: string): Promise<void> {
    return inTurn(sessionId, () => deps.sessions.delete(sessionId));
  }

  return { ask, setLanguage, reset };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function ms(since: number): number {
  return Math.round((performance.now() - since) * 100) / 100;
}

export type Assistant = ReturnType<typeof createAssistant>;
