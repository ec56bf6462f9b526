import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * Tracks requests being handled, so stopping the adapter can wait for answers already on their
 * way instead of dropping them.
 */
export function createInflight() {
  const running = new Set<Promise<void>>();
  const middleware: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    const work = next();
    running.add(work);
    try {
      await work;
    } finally {
      running.delete(work);
    }
  };
  return {
    middleware,
    get size() {
      return running.size;
    },
    /** Resolves when everything in flight has settled, or after `timeoutMs`. */
    async drain(timeoutMs: number): Promise<void> {
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...running]), timeout]);
      clearTimeout(timer);
    },
  };
}

export type Inflight = ReturnType<typeof createInflight>;
