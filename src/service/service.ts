import type { Metrics } from '../admin/metrics.ts';
import type { Reloader } from '../admin/reloader.ts';
import type { AnswerResult } from '../answer/answer.ts';
import { textSections } from '../answer/compose.ts';
import { phrases } from '../answer/phrases.ts';
import type { Assistant } from '../assistant/assistant.ts';
import { IpriskError } from '../errors.ts';
import type { Feedback, FeedbackStore } from '../feedback/feedback-store.ts';
import { freshnessOfIndexed } from '../knowledge/freshness.ts';
import type { Logger } from '../logger.ts';
import type { IncomingMessage } from '../message.ts';
import type { BuildReport } from '../retrieval/index-builder.ts';
import type { IndexHolder } from '../retrieval/index-holder.ts';
import type { SessionStore } from '../sessions/session-store.ts';
import { detectLang, type Lang } from '../text/lang.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface Stats {
  indexVersion: string;
  builtAt: string;
  documents: number;
  chunks: number;
  feedback: { up: number; down: number };
  /** Documents past their review date, and documents not updated for a year. */
  review: { pastReviewBy: number; olderThanAYear: number };
}

export interface ServiceDeps {
  assistant: Assistant;
  index: IndexHolder;
  feedback: FeedbackStore;
  reloader: Reloader;
  /** Each user's vote per answer, so a changed vote replaces the earlier one. */
  votes?: SessionStore<Feedback['vote']>;
  /** Marks of deliveries already handled, shared by every instance when it is Redis. */
  deliveries: SessionStore<true>;
  metrics: Metrics;
  logger: Logger;
  /** Questions per user per minute; a user over it gets a polite reply instead of an answer. */
  rateLimiter?: RateLimiter;
  now?: () => Date;
}

/**
 * What every chat adapter needs from the core, in platform-neutral terms: answer a message,
 * record feedback, recognise a redelivered event, and the admin actions.
 */
export function createService(deps: ServiceDeps) {
  const now = deps.now ?? (() => new Date());

  async function answer(message: IncomingMessage): Promise<AnswerResult> {
    const limiter = deps.rateLimiter;
    if (limiter && !limiter.allow(`${message.platform}:${message.userId}`)) {
      deps.metrics.inc('iprisk_rate_limited_total', { platform: message.platform });
      const lang = detectLang(message.text);
      return {
        answer: phrases.rateLimited[lang],
        sections: textSections(phrases.rateLimited[lang]),
        lang,
        abstained: true,
        suggestAssistance: false,
        citations: [],
        timings: { retrieveMs: 0, totalMs: 0 },
        rateLimited: { retryAfterSeconds: limiter.retryAfter(`${message.platform}:${message.userId}`) },
      };
    }
    const result = await deps.assistant.ask({ text: message.text, sessionId: message.conversationId });
    deps.metrics.inc('iprisk_questions_total', {
      platform: message.platform,
      outcome: result.abstained ? 'abstained' : 'answered',
    });
    deps.metrics.inc('iprisk_answer_ms_sum', {}, result.timings.totalMs);
    deps.metrics.inc('iprisk_answer_ms_count');
    return result;
  }

  /** What the serving index holds: known without the store, so it survives a Redis outage. */
  function indexStats(): Omit<Stats, 'feedback'> {
    const { manifest } = deps.index.get();
    const due = freshnessOfIndexed(manifest.documents, now());
    return {
      indexVersion: manifest.version,
      builtAt: manifest.builtAt,
      documents: Object.keys(manifest.documents).length,
      chunks: manifest.chunkCount,
      review: { pastReviewBy: due.pastReviewBy.length, olderThanAYear: due.olderThanAYear.length },
    };
  }

  return {
    answer,
    setLanguage: (conversationId: string, lang: Lang | undefined) =>
      deps.assistant.setLanguage(conversationId, lang),
    reset: (conversationId: string) => deps.assistant.reset(conversationId),

    /** True the first time a delivery id is seen (within the TTL), false for a redelivery. */
    firstDelivery(id: string, ttlSeconds = 24 * 3600): Promise<boolean> {
      return deps.deliveries.setIfAbsent(id, true, ttlSeconds);
    },

    async recordFeedback(
      input: Omit<Feedback, 'at' | 'indexVersion'> & { indexVersion?: string },
    ): Promise<void> {
      await deps.feedback.add({
        ...input,
        indexVersion: input.indexVersion ?? deps.index.get().manifest.version,
        at: now().toISOString(),
      });
      deps.metrics.inc('iprisk_feedback_total', { vote: input.vote });
    },

    /**
     * A 👍/👎 under an answer, for Telegram, Slack and HTTP alike: a user's last vote on an answer
     * counts, pressing the same one again changes nothing.
     */
    async castVote(
      answerId: string,
      input: Omit<Feedback, 'at' | 'indexVersion'> & { indexVersion?: string },
      ttlSeconds: number,
    ): Promise<'recorded' | 'changed' | 'unchanged'> {
      const key = `${answerId}:${input.platform}:${input.userId}`;
      const earlier = await deps.votes?.get(key);
      if (earlier === input.vote) return 'unchanged';
      await deps.votes?.set(key, input.vote, ttlSeconds);
      await deps.feedback.add(
        {
          ...input,
          indexVersion: input.indexVersion ?? deps.index.get().manifest.version,
          at: now().toISOString(),
        },
        earlier,
      );
      deps.metrics.inc('iprisk_feedback_total', { vote: input.vote });
      return earlier ? 'changed' : 'recorded';
    },

    /** A greeting or "help" gets the adapter's help text, not an answer to rate. */
    isGreeting: (text: string) => deps.index.get().kinds.isGreeting(text),

    indexStats,

    async stats(): Promise<Stats> {
      return { ...indexStats(), feedback: await deps.feedback.counts() };
    },

    /** Admin only: the adapter says whether the sender is an admin; refusals are logged. */
    async reload(actor: { userId: string; isAdmin: boolean }): Promise<BuildReport> {
      if (!actor.isAdmin) {
        deps.logger.warn({ userId: actor.userId }, 'reload refused: not an admin');
        throw new IpriskError('FORBIDDEN', 'Only admins can reload the knowledge base.');
      }
      try {
        const report = await deps.reloader.reload();
        deps.metrics.inc('iprisk_reloads_total', { result: 'ok' });
        return report;
      } catch (error) {
        deps.metrics.inc('iprisk_reloads_total', { result: 'failed' });
        throw error;
      }
    },

    indexVersion: () => deps.index.get().manifest.version,
  };
}

export type Service = ReturnType<typeof createService>;
