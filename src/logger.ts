import { pino } from 'pino';

export type Logger = pino.Logger;

/** Paths that may hold secrets or personal contact data; pino replaces them before writing. */
const redactPaths = [
  'token',
  'secret',
  'password',
  'authorization',
  '*.token',
  '*.secret',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'email',
  'phone',
  'contact',
  '*.email',
  '*.phone',
  '*.contact',
];

/**
 * Secrets that turn up inside text (a URL's query string, a Bot API URL, a Slack token, a bearer
 * header, a password in a connection URL), replaced wherever they appear in a log line.
 */
export function redactText(text: string): string {
  return text
    .replace(/([?&][^=\s&#"']+)=[^\s&#"']*/gu, '$1=[redacted]')
    .replace(/bot\d+:[\w-]+/gu, 'bot<token>')
    .replace(/\b(xox[abpre]|xapp)-[\w-]+/gu, '$1-[redacted]')
    .replace(/\bBearer\s+\S+/gu, 'Bearer [redacted]')
    .replace(/\bsk-[\w-]{8,}/gu, 'sk-[redacted]')
    .replace(/(\w+:\/\/)[^@\s/]+@/gu, '$1[redacted]@');
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return {
      type: value.name,
      message: redactText(value.message),
      stack: value.stack && redactText(value.stack),
    };
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, depth + 1)]));
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { app: 'iprisk' },
    formatters: { log: (object) => redactValue(object, 0) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  };
  // Logs go to stderr so stdout stays clean for answers and --json output.
  return destination ? pino(options, destination) : pino(options, pino.destination(2));
}

/** For the command line: one readable line per entry on stderr instead of JSON. */
export function createConsoleLogger(
  level: string,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const names: Record<number, string> = {
    10: 'trace',
    20: 'debug',
    30: 'info',
    40: 'warn',
    50: 'error',
    60: 'fatal',
  };
  return createLogger(level, {
    write(json: string) {
      const {
        level: number,
        msg,
        app: _app,
        time: _time,
        pid: _pid,
        hostname: _host,
        ...rest
      } = JSON.parse(json);
      const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
      write(`${names[number] ?? number}: ${msg}${extra}\n`);
    },
  });
}
