import type { Logger } from '../../src/logger.ts';
import { describeError } from './boundary.ts';

export type OptionalCall = <T>(method: string, call: () => Promise<T>) => Promise<T | undefined>;

/**
 * Wraps Bot API calls the bot can live without (menu, typing indicator). Some Bot API servers
 * do not implement them; the first failure per method is a warning, repeats only debug lines.
 */
export function optionalCalls(logger: Logger): OptionalCall {
  const warned = new Set<string>();
  return async (method, call) => {
    try {
      return await call();
    } catch (error) {
      const level = warned.has(method) ? 'debug' : 'warn';
      warned.add(method);
      logger[level]({ method, err: describeError(error) }, 'optional Telegram call failed; continuing');
      return undefined;
    }
  };
}
