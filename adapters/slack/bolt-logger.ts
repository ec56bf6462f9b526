import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/logger.ts';

const MAX_LINE = 500;

function describe(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

/**
 * At debug level Bolt and its WebClient log request and response bodies: messages, ticket cards
 * and intake summaries with contact details. Everything after these markers is dropped.
 */
const BODY_MARKERS = ['http request body:', 'http request result:', '(body:', 'storedResponse:'];

function withoutBody(text: string): string {
  for (const marker of BODY_MARKERS) {
    const at = text.indexOf(marker);
    if (at >= 0) return `${text.slice(0, at + marker.length)} [omitted]`;
  }
  // developerMode logs a whole incoming payload as JSON.
  return text.startsWith('{') ? '[payload omitted]' : text;
}

/**
 * Bolt, its WebClient and the Socket Mode client log through this, so their lines end up in the
 * service's pino log with the same redaction instead of on the console. Lines are capped and
 * request/response bodies dropped, so a logged payload cannot dump a message or contact details.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  const line = (parts: unknown[]) => withoutBody(parts.map(describe).join(' ')).slice(0, MAX_LINE);
  return {
    debug: (...parts: unknown[]) => child.debug(line(parts)),
    info: (...parts: unknown[]) => child.info(line(parts)),
    warn: (...parts: unknown[]) => child.warn(line(parts)),
    error: (...parts: unknown[]) => child.error(line(parts)),
    // LOG_LEVEL governs; Bolt calls setLevel(INFO) on construction and must not override it.
    setLevel: () => undefined,
    getLevel: () => {
      const level = child.level;
      if (level === 'trace' || level === 'debug') return LogLevel.DEBUG;
      if (level === 'info') return LogLevel.INFO;
      if (level === 'warn') return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => undefined,
  };
}
