import type { Metrics } from '../admin/metrics.ts';
import type { Logger } from '../logger.ts';

/**
 * Whether the shared store (Redis) is answering. An outage is logged once when it starts and once
 * when it ends, however many requests run into it; the metrics count outages and what was done
 * without the store.
 */
export interface StoreHealth {
  /** True while the store is known to be away. */
  down(): boolean;
  /** A call failed because the store is away. */
  failed(error: unknown): void;
  /** A call succeeded (or the client reconnected): the outage, if any, is over. */
  ok(): void;
}

export function createStoreHealth(deps: { logger: Logger; metrics: Metrics }): StoreHealth {
  let since: number | undefined;
  return {
    down: () => since !== undefined,
    failed(error) {
      if (since !== undefined) return;
      since = Date.now();
      deps.metrics.inc('iprisk_store_outages_total');
      const reason =
        error instanceof Error ? (error.cause instanceof Error ? error.cause : error).message : '';
      deps.logger.warn(
        { reason: reason.slice(0, 200) },
        'Redis is not answering: answering without history and not saving until it returns',
      );
    },
    ok() {
      if (since === undefined) return;
      deps.logger.info({ outageMs: Date.now() - since }, 'Redis is back: history and saving resumed');
      since = undefined;
    },
  };
}
