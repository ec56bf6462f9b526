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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: redactPaths, censor: '[redacted]' }, base: { app: 'iprisk' } };
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
