import { randomUUID } from 'node:crypto';
import type { ChangeSummary } from '../alerts/change-notices.ts';
import { IpriskError, isIpriskError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { BuildDeps, BuildReport } from '../retrieval/index-builder.ts';
import { loadVersion, openIndex } from '../retrieval/index-builder.ts';
import type { IndexHolder } from '../retrieval/index-holder.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { type RedisClient, redisCall } from '../sessions/redis-store.ts';
import type { StoreHealth } from '../sessions/store-health.ts';

export const RELOAD_CHANNEL = 'iprisk:index:serving';
const LOCK_KEY = 'iprisk:lock:reload';
const LOCK_MS = 10 * 60 * 1000;

export interface ReloaderDeps {
  build: BuildDeps;
  holder: IndexHolder;
  logger: Logger;
  /** With Redis: one reload at a time across the cluster, and a notice to every instance. */
  redis?: RedisClient;
  /** Where a Redis outage is reported once (the subscriber's reconnect errors). */
  storeHealth?: StoreHealth;
  /** Runs on a new version before it is served; throwing keeps the old version. */
  verify?: (index: KnowledgeIndex) => Promise<void>;
  /** The report of the build (or load) that produced the index serving at start. */
  initialReport?: BuildReport;
  /** After a reload that changed the serving version: tells followers (never on a rollback). */
  afterReload?: (
    before: KnowledgeIndex,
    after: KnowledgeIndex,
    report: BuildReport,
    summaries: Record<string, ChangeSummary>,
  ) => Promise<{ notices: number; queued: number }>;
}

export interface ReloadOptions {
  /** Per document id: the admin's own notice summary, or no notice. */
  summaries?: Record<string, ChangeSummary>;
  /** False: reload without telling anyone. */
  notify?: boolean;
}

export interface RollbackReport {
  version: string;
  previous: string;
  builtAt: string;
}

/**
 * Rebuilds the index and swaps it in: questions already being answered keep the index they
 * started with; a failed build or smoke check leaves the serving index untouched. With Redis a
 * lock makes it one reload at a time across instances, and the new version is announced so
 * every instance serves it.
 */
export function createReloader(deps: ReloaderDeps) {
  let running: Promise<BuildReport> | undefined;
  let lastReport = deps.initialReport;

  async function withLock<T>(work: () => Promise<T>): Promise<T> {
    if (!deps.redis) return work();
    const token = randomUUID();
    const redis = deps.redis;
    // Without Redis no instance can take the lock: STORE_UNAVAILABLE (HTTP 503, "try again").
    const acquired = await redisCall(() => redis.set(LOCK_KEY, token, { NX: true, PX: LOCK_MS }));
    if (acquired !== 'OK') {
      throw new IpriskError('CONFLICT', 'Another reload is running on another instance.', {
        hint: 'Wait for it to finish, then check /stats for the serving version.',
      });
    }
    try {
      return await work();
    } finally {
      // Release only our own lock: it may have expired and been taken by someone else.
      await deps.redis.eval(
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
        {
          keys: [LOCK_KEY],
          arguments: [token],
        },
      );
    }
  }

  async function announce(version: string): Promise<void> {
    await deps.redis?.publish(RELOAD_CHANNEL, version);
  }

  async function run(options: ReloadOptions): Promise<BuildReport> {
    const before = deps.holder.get();
    const { index, report } = await withLock(() =>
      openIndex(deps.build, deps.verify ? { verify: deps.verify } : {}),
    );
    const swapped = index.manifest.version !== before.manifest.version;
    if (swapped) deps.holder.swap(index);
    // An explicit reload ends a rollback's pin: starts follow the knowledge files again.
    await deps.build.store.unpin();
    await announce(index.manifest.version);
    deps.logger.info(
      {
        version: report.version,
        added: report.added,
        changed: report.changed,
        removed: report.removed,
        rejected: report.rejected.map((r) => r.path),
        chunks: report.chunks,
        embedded: report.embedded,
        ms: report.ms,
      },
      'knowledge reloaded',
    );
    const told =
      swapped && options.notify !== false && deps.afterReload
        ? { notices: await deps.afterReload(before, index, report, options.summaries ?? {}) }
        : {};
    lastReport = { ...report, ...told };
    return lastReport;
  }

  /** Serves a stored version (from a notice or a rollback) unless it is already serving. */
  async function serveVersion(version: string): Promise<void> {
    if (deps.holder.get().manifest.version === version) return;
    try {
      deps.holder.swap(await loadVersion(deps.build, version));
    } catch (error) {
      if (!isIpriskError(error, 'INDEX_UNAVAILABLE')) throw error;
      // Instances that do not share DATA_DIR rebuild from their own copy of the knowledge.
      const { index } = await openIndex(deps.build);
      deps.holder.swap(index);
    }
    deps.logger.info({ version: deps.holder.get().manifest.version }, 'now serving index version');
  }

  /** The preview with the index it built (in memory only): what notices it would make. */
  function previewBuild(): Promise<{ report: BuildReport; index: KnowledgeIndex }> {
    return openIndex(deps.build, {
      preview: true,
      ...(deps.verify ? { verify: deps.verify } : {}),
    });
  }

  return {
    /** Concurrent calls share one reload (the first caller's options count). */
    reload(options: ReloadOptions = {}): Promise<BuildReport> {
      running ??= run(options).finally(() => {
        running = undefined;
      });
      return running;
    },

    /**
     * What a reload would do, without doing it: documents added, changed, removed and rejected,
     * and whether the new version passes the smoke check (`refused` says why not).
     */
    async preview(): Promise<BuildReport> {
      return (await previewBuild()).report;
    },

    previewBuild,

    /** The last reload's report (or the start's): which documents were rejected and why. */
    lastReport: (): BuildReport | undefined => lastReport,

    /** Returns to the version before the serving one (`iprisk index --rollback`). */
    async rollback(): Promise<RollbackReport> {
      return withLock(async () => {
        const store = deps.build.store;
        const current = await store.current();
        const versions = await store.versions();
        const at = current ? versions.indexOf(current) : -1;
        const previous = at > 0 ? versions[at - 1] : undefined;
        if (!current || !previous) {
          throw new IpriskError('NOT_FOUND', 'There is no earlier index version to roll back to.', {
            hint: 'Versions are kept after each build; run `iprisk index` after changing the knowledge.',
          });
        }
        const index = await loadVersion(deps.build, previous);
        await store.activate(previous);
        await store.pin();
        deps.holder.swap(index);
        await announce(previous);
        deps.logger.info({ version: previous, from: current }, 'index rolled back');
        return { version: previous, previous: current, builtAt: index.manifest.builtAt };
      });
    },

    /**
     * Follows reload notices from other instances. Needs its own connection, as a subscribed
     * Redis connection can do nothing else. Returns a function that stops listening.
     */
    async follow(): Promise<() => Promise<void>> {
      if (!deps.redis) return async () => {};
      const subscriber = deps.redis.duplicate();
      // It reports every reconnect attempt while Redis is away: the outage is logged once.
      subscriber.on('error', (error: Error) =>
        deps.storeHealth
          ? deps.storeHealth.failed(error)
          : deps.logger.warn({ err: error.message }, 'reload subscriber error'),
      );
      await subscriber.connect();
      await subscriber.subscribe(RELOAD_CHANNEL, (version) => {
        serveVersion(version).catch((error: unknown) =>
          deps.logger.error({ err: error, version }, 'could not load the announced index version'),
        );
      });
      return async () => {
        await subscriber.unsubscribe(RELOAD_CHANNEL).catch(() => undefined);
        await subscriber.quit().catch(() => undefined);
      };
    },
  };
}

export type Reloader = ReturnType<typeof createReloader>;
