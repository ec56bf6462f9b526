import type { MiddlewareFn } from 'grammy';

/** Counts updates being handled, so stop() can wait for them instead of cutting answers off. */
export function inFlight() {
  let count = 0;
  let idle: (() => void) | undefined;
  const middleware: MiddlewareFn = async (_ctx, next) => {
    count++;
    try {
      await next();
    } finally {
      count--;
      if (count === 0) idle?.();
    }
  };
  return {
    middleware,
    size: () => count,
    /** Resolves when nothing is in flight, or after `timeoutMs` at the latest. */
    async drain(timeoutMs: number): Promise<void> {
      if (count === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        idle = resolve;
        timer = setTimeout(resolve, timeoutMs);
      });
      clearTimeout(timer);
      idle = undefined;
    },
  };
}
