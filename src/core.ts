import { join } from 'node:path';
import { ChatOpenAI } from '@langchain/openai';
import { createClient } from 'redis';
import { createMetrics, type Metrics } from './admin/metrics.ts';
import { createReloader, type Reloader } from './admin/reloader.ts';
import { createSmokeCheck, type SmokeCheck } from './admin/smoke-check.ts';
import { createMemoryFollowStore, createRedisFollowStore } from './alerts/follow-store.ts';
import { createFollowing, type Following } from './alerts/following.ts';
import { createNoticeSender, type NoticeSender } from './alerts/notice-sender.ts';
import { createMemoryNoticeStore, createRedisNoticeStore } from './alerts/notice-store.ts';
import { createNotices, type Notices } from './alerts/notices.ts';
import { createRiskCheck, type RiskCheck } from './alerts/risk-check.ts';
import { loadRiskCheckData } from './alerts/risk-check-data.ts';
import { loadFollowingData } from './alerts/segments.ts';
import { type Composer, createExtractiveComposer } from './answer/compose.ts';
import { createLlmComposer } from './answer/llm-composer.ts';
import { loadPromptTemplate } from './answer/prompt.ts';
import { createLlmRewriter, type QuestionRewriter } from './answer/rewriter.ts';
import { type Assistant, createAssistant } from './assistant/assistant.ts';
import type { Config } from './config/config.ts';
import type { ConversationState } from './conversation/state.ts';
import type { FollowNames } from './copy/alerts.ts';
import { IpriskError, isIpriskError } from './errors.ts';
import { readEvalItems } from './eval/eval-set.ts';
import { createMemoryDailyCounts, createRedisDailyCounts } from './feedback/daily-counts.ts';
import { createMemoryFeedbackStore, createRedisFeedbackStore } from './feedback/feedback-store.ts';
import type { UnansweredMark } from './feedback/unanswered-groups.ts';
import { createMemoryUnansweredStore, createRedisUnansweredStore } from './feedback/unanswered-store.ts';
import { freshnessOfIndexed } from './knowledge/freshness.ts';
import type { Logger } from './logger.ts';
import { embedderFor } from './retrieval/embedder.ts';
import { type BuildDeps, type BuildReport, loadVersion, openIndex } from './retrieval/index-builder.ts';
import { createIndexCache } from './retrieval/index-cache.ts';
import { createIndexHolder, type IndexHolder } from './retrieval/index-holder.ts';
import { createIndexStore, type IndexStore } from './retrieval/index-store.ts';
import type { KnowledgeIndex } from './retrieval/knowledge-index.ts';
import { createRateLimiter } from './service/rate-limit.ts';
import { type AnswerRecord, createService, type Service } from './service/service.ts';
import { createRedisConversationLock } from './sessions/conversation-lock.ts';
import { createMemoryStore } from './sessions/memory-store.ts';
import { createRedisStore, type RedisClient } from './sessions/redis-store.ts';
import type { SessionStore } from './sessions/session-store.ts';
import { createStoreHealth, type StoreHealth } from './sessions/store-health.ts';
import { tolerantStore } from './sessions/tolerant-store.ts';
import { createMemoryTicketStore, createRedisTicketStore } from './triage/ticket-store.ts';
import { createTriage, type Triage } from './triage/triage.ts';

export interface Core {
  config: Config;
  logger: Logger;
  assistant: Assistant;
  service: Service;
  reloader: Reloader;
  triage: Triage;
  metrics: Metrics;
  index: IndexHolder;
  indexStore: IndexStore;
  sessions: SessionStore<ConversationState>;
  redis: RedisClient | undefined;
  /** Whether Redis is answering; an outage is logged once and reported by /readyz and /metrics. */
  storeHealth: StoreHealth;
  /**
   * A store in one namespace: Redis when configured, else this process's memory. `tolerant` is
   * for state an answer can go without (history, delivery marks): while Redis is away reads find
   * nothing and writes are dropped; anything that must be kept fails with STORE_UNAVAILABLE.
   */
  store<T>(namespace: string, mode: 'tolerant' | 'strict'): SessionStore<T>;
  /** The report of the build (or load) that produced the serving index. */
  buildReport: BuildReport;
  /** The eval run before a version is served (RELOAD_SMOKE_EVAL), with its results per version. */
  smokeCheck: SmokeCheck | undefined;
  /** Markets, IP types and industries exporters follow (/follow), and the names to show them by. */
  following: Following;
  /** The names to show what is followed by, and the follow command as the platform types it. */
  followNames: (command: string) => FollowNames;
  /** Change notices after a reload and admin warnings, queued for followers. */
  notices: Notices;
  /** Delivers queued notices; adapters register their platform, `serve` starts it. */
  noticeSender: NoticeSender;
  /** The pre-export risk check (/check): its questions and the cited checklist. */
  riskCheck: RiskCheck;
  close(): Promise<void>;
}

export async function connectRedis(url: string, logger: Logger, health?: StoreHealth): Promise<RedisClient> {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(retries * 200, 2000) },
    // Fail at once while disconnected rather than queue: a requester must hear "not saved" now,
    // not wait on a spinner until Redis returns.
    disableOfflineQueue: true,
  });
  // While reconnecting the client reports an error per attempt: the outage is logged once.
  client.on('error', (error: Error) =>
    health ? health.failed(error) : logger.warn({ err: error.message }, 'redis connection error'),
  );
  client.on('ready', () => health?.ok());
  try {
    await client.connect();
  } catch (error) {
    throw new IpriskError('STORE_UNAVAILABLE', 'Cannot connect to Redis at REDIS_URL', {
      cause: error,
      hint: 'Start Redis or fix REDIS_URL; unset it to run a single instance with in-process state.',
    });
  }
  return client;
}

/** Wires the bot core from configuration: knowledge index, sessions, the assistant and the service. */
export async function createCore(
  config: Config,
  logger: Logger,
  options: {
    rebuild?: boolean;
    warnSingleInstance?: boolean;
    serveCurrent?: boolean;
    /** Run the smoke check on knowledge built at start, as a reload does (`serve`). */
    verifyAtStart?: boolean;
  } = {},
): Promise<Core> {
  const indexStore = createIndexStore(config.DATA_DIR);
  const build: BuildDeps = {
    knowledgeDir: config.KNOWLEDGE_DIR,
    store: indexStore,
    embedder: embedderFor(config),
    maxFileBytes: config.KNOWLEDGE_MAX_FILE_KB * 1024,
    // A reload reuses what it computed for unchanged documents and cards.
    cache: createIndexCache(),
  };
  const smokeItems = await readEvalItems(config.RELOAD_SMOKE_EVAL);
  const verify = smokeItems
    ? createSmokeCheck(
        smokeItems,
        { hit: config.RELOAD_SMOKE_MIN_HIT, abstain: config.RELOAD_SMOKE_MIN_ABSTAIN },
        logger,
      )
    : undefined;
  const { index: initial, report } = await openInitialIndex(build, {
    ...options,
    ...(options.verifyAtStart && verify ? { verify } : {}),
  });
  if (report.refused)
    logger.error(
      { reason: report.refused, serving: report.version },
      'the knowledge failed the smoke check at start: the last good version keeps serving',
    );
  for (const problem of report.rejected) logger.warn(problem, 'knowledge document rejected');
  const index = createIndexHolder(initial);

  const metrics = createMetrics();
  const storeHealth = createStoreHealth({ logger, metrics });
  let redis: RedisClient | undefined;
  if (config.REDIS_URL) {
    redis = await connectRedis(config.REDIS_URL, logger, storeHealth);
  } else if (options.warnSingleInstance) {
    logger.warn(
      'REDIS_URL is not set: sessions are kept in this process only (single instance, lost on restart)',
    );
  }
  const store = <T>(namespace: string, mode: 'tolerant' | 'strict'): SessionStore<T> => {
    if (!redis) return createMemoryStore<T>();
    const shared = createRedisStore<T>(redis, namespace);
    return mode === 'tolerant' ? tolerantStore(shared, storeHealth) : shared;
  };
  const sessions = store<ConversationState>('session', 'tolerant');

  const assistant = createAssistant({
    getIndex: index.get,
    sessions,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
    ...(await llmFor(config, logger, metrics)),
    logger,
    storeHealth,
    ...(redis ? { conversationLock: createRedisConversationLock(redis, storeHealth) } : {}),
  });
  const triage = createTriage({
    store: redis
      ? createRedisTicketStore(redis, config.TICKET_RETENTION_DAYS)
      : createMemoryTicketStore(config.TICKET_RETENTION_DAYS),
    logger,
    slaMinutes: {
      urgent: config.SLA_MINUTES_URGENT,
      high: config.SLA_MINUTES_HIGH,
      normal: config.SLA_MINUTES_NORMAL,
      low: config.SLA_MINUTES_LOW,
    },
  });
  const { segments, quickMarkets } = await loadFollowingData(config.KNOWLEDGE_DIR);
  const follows = redis ? createRedisFollowStore(redis) : createMemoryFollowStore();
  const following = createFollowing({
    store: follows,
    markets: () => index.get().markets,
    segments,
    quickMarkets,
  });
  const riskCheck = createRiskCheck({
    data: await loadRiskCheckData(config.KNOWLEDGE_DIR),
    index: index.get,
    readMarkets: following.read,
    quickMarkets: following.quickMarkets,
  });
  const noticeStore = redis ? createRedisNoticeStore(redis) : createMemoryNoticeStore();
  const noticeSender = createNoticeSender({
    store: noticeStore,
    logger,
    metrics,
    rates: { telegram: config.NOTICE_RATE_TELEGRAM, slack: config.NOTICE_RATE_SLACK },
    pollMs: config.NOTICE_POLL_MS,
  });
  const notices = createNotices({
    follows,
    following,
    store: noticeStore,
    sender: noticeSender,
    segments,
    markets: () => index.get().markets,
    metrics,
    logger,
  });
  const reloader = createReloader({
    build,
    holder: index,
    logger,
    ...(redis ? { redis, storeHealth } : {}),
    ...(verify ? { verify } : {}),
    initialReport: report,
    afterReload: notices.afterReload,
  });
  const unansweredLimits = { retentionDays: config.UNANSWERED_RETENTION_DAYS, max: config.UNANSWERED_MAX };
  const service = createService({
    assistant,
    index,
    feedback: redis ? createRedisFeedbackStore(redis) : createMemoryFeedbackStore(),
    votes: store<'up' | 'down'>('vote', 'strict'),
    answers: store<AnswerRecord>('answer', 'tolerant'),
    unanswered: redis
      ? createRedisUnansweredStore(redis, unansweredLimits)
      : createMemoryUnansweredStore(unansweredLimits),
    marks: store<UnansweredMark>('unanswered-mark', 'strict'),
    retentionDays: config.UNANSWERED_RETENTION_DAYS,
    daily: redis ? createRedisDailyCounts(redis) : createMemoryDailyCounts(),
    reloader,
    deliveries: store<true>('delivery', 'tolerant'),
    metrics,
    logger,
    rateLimiter: createRateLimiter(config.RATE_LIMIT_PER_MINUTE),
  });

  return {
    config,
    logger,
    assistant,
    following,
    followNames: (command: string) => ({ markets: index.get().markets, segments, command }),
    notices,
    noticeSender,
    riskCheck,
    service,
    reloader,
    triage,
    metrics,
    index,
    indexStore,
    sessions,
    redis,
    storeHealth,
    store,
    buildReport: report,
    smokeCheck: verify,
    async close() {
      await noticeSender.stop();
      if (!redis?.isOpen) return;
      // quit() waits for a reply that never comes while the client is reconnecting.
      if (redis.isReady) await redis.quit();
      else await redis.disconnect();
    },
  };
}

/**
 * At start: the serving version when asked to (`iprisk index` then reloads through the reloader,
 * with its lock and smoke check), otherwise the serving version if it matches the knowledge,
 * else a new build.
 */
async function openInitialIndex(
  build: BuildDeps,
  options: { rebuild?: boolean; serveCurrent?: boolean; verify?: (index: KnowledgeIndex) => Promise<void> },
): Promise<{ index: Awaited<ReturnType<typeof loadVersion>>; report: BuildReport }> {
  const pinned = await build.store.pinned();
  const current = options.serveCurrent || pinned ? await build.store.current() : undefined;
  if (!current && options.verify) {
    try {
      return await openIndex(build, { force: options.rebuild ?? false, verify: options.verify });
    } catch (error) {
      // Knowledge that fails the check is not served at start either: the last good version is,
      // and the report says why. With no good version there is nothing to serve.
      const serving = await build.store.current();
      if (!isIpriskError(error, 'KNOWLEDGE_INVALID') || !serving) throw error;
      const { index, report } = await openInitialIndex(build, { serveCurrent: true });
      return { index, report: { ...report, refused: error.message } };
    }
  }
  if (current) {
    const started = performance.now();
    const index = await loadVersion(build, current).catch(() => undefined);
    if (index) {
      const report: BuildReport = {
        version: current,
        reused: true,
        added: [],
        changed: [],
        removed: [],
        rejected: [],
        documents: Object.keys(index.manifest.documents).length,
        chunks: index.chunks.length,
        embedded: 0,
        ms: Math.round(performance.now() - started),
        freshness: freshnessOfIndexed(index.manifest.documents, new Date()),
      };
      return { index, report };
    }
  }
  return openIndex(build, { force: options.rebuild ?? false });
}

/**
 * Extractive by default; with OPENAI_API_KEY a chat model writes the answer from the same evidence
 * (checked before it is shown) and rewrites follow-ups into standalone questions.
 */
async function llmFor(
  config: Config,
  logger: Logger,
  metrics: Metrics,
): Promise<{ composer: Composer; rewriter?: QuestionRewriter }> {
  const extractive = createExtractiveComposer();
  if (!config.OPENAI_API_KEY) return { composer: extractive };
  // Both prompts are checked now: a broken edit stops the start, not the first question.
  const prompt = await loadPromptTemplate(join(config.PROMPTS_DIR, 'answer.md'));
  const rewritePrompt = await loadPromptTemplate(join(config.PROMPTS_DIR, 'rewrite.md'), 'rewrite');
  const model = new ChatOpenAI({
    model: config.CHAT_MODEL,
    apiKey: config.OPENAI_API_KEY,
    temperature: config.LLM_TEMPERATURE,
    // The client retries with exponential backoff; every attempt is bounded by the timeout.
    maxRetries: config.LLM_MAX_RETRIES,
    timeout: config.LLM_TIMEOUT_MS,
    maxTokens: config.LLM_MAX_TOKENS,
    ...(config.OPENAI_BASE_URL ? { configuration: { baseURL: config.OPENAI_BASE_URL } } : {}),
  });
  logger.info({ model: config.CHAT_MODEL }, 'LLM mode: answers are written by the chat model and checked');
  return {
    composer: createLlmComposer({
      model,
      prompt,
      fallback: extractive,
      logger,
      metrics,
      streamIdleMs: config.LLM_TIMEOUT_MS,
    }),
    rewriter: createLlmRewriter({ model, prompt: rewritePrompt, logger, metrics }),
  };
}
