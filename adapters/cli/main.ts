import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { formatBench, runBench } from '../../src/bench/bench.ts';
import { benchChart } from '../../src/bench/chart.ts';
import { formatScales, runScale, runScales } from '../../src/bench/scale-bench.ts';
import { loadConfig } from '../../src/config/config.ts';
import { noticeCopy } from '../../src/copy/notices.ts';
import { createCore } from '../../src/core.ts';
import { IpriskError, isIpriskError } from '../../src/errors.ts';
import { readEvalItems } from '../../src/eval/eval-set.ts';
import { runEval, summaryLine } from '../../src/eval/run-eval.ts';
import { formatLoadtest, runLoadtest } from '../../src/loadtest/loadtest.ts';
import { createConsoleLogger, createLogger } from '../../src/logger.ts';
import { ticketDetails, ticketLine } from '../../src/triage/format.ts';
import { runChat } from '../console/chat.ts';
import { formatExplanation } from './explain.ts';
import { formatAnswer, formatBuildReport } from './format.ts';
import { serve } from './serve.ts';
import { usage } from './usage.ts';

type Out = (text: string) => void;

interface Io {
  out: Out;
  err: Out;
  /** Configuration source; unset means the process environment (read by the config module). */
  env: NodeJS.ProcessEnv | undefined;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new IpriskError('USAGE', (error as Error).message);
  }
}

async function withCore<T>(
  io: Io,
  work: (core: Awaited<ReturnType<typeof createCore>>) => Promise<T>,
  options: { serveCurrent?: boolean } = {},
) {
  const config = loadConfig(io.env);
  const logger = createConsoleLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, io.err);
  const core = await createCore(config, logger, options);
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

const commands: Record<string, (args: string[], io: Io) => Promise<number>> = {
  async ask(args, io) {
    const { values, positionals } = parse(args, {
      json: { type: 'boolean' },
      session: { type: 'string' },
      explain: { type: 'boolean' },
    });
    const text = positionals.join(' ');
    if (positionals.length === 0) throw new IpriskError('USAGE', 'ask needs a question');
    return withCore(io, async (core) => {
      const result = await core.assistant.ask({
        text,
        ...(values.session ? { sessionId: `cli:${String(values.session)}` } : {}),
        ...(values.explain ? { explain: true } : {}),
      });
      // The architecture's `ask --json` object: the plain answer, not the sections adapters render.
      const { sections: _sections, ...printed } = result;
      io.out(values.json ? JSON.stringify(printed) : formatAnswer(result));
      if (values.explain && !values.json && result.explanation) io.out(formatExplanation(result.explanation));
      return 0;
    });
  },
  async chat(args, io) {
    parse(args, {});
    return withCore(io, async (core) => {
      await runChat({
        assistant: core.assistant,
        input: io.stdin,
        output: io.stdout,
        sessionId: `console:${process.pid}`,
      });
      return 0;
    });
  },
  async index(args, io) {
    const { values } = parse(args, {
      json: { type: 'boolean' },
      rollback: { type: 'boolean' },
      'no-notice': { type: 'boolean' },
    });
    return withCore(
      io,
      async (core) => {
        if (values.rollback) {
          const report = await core.reloader.rollback();
          io.out(
            values.json
              ? JSON.stringify(report)
              : `index rolled back to ${report.version} (built ${report.builtAt}); was ${report.previous}`,
          );
          return 0;
        }
        // Through the reloader: one build at a time in a cluster, the smoke check, and a notice
        // so running instances serve the new version.
        const report = await core.reloader.reload(values['no-notice'] ? { notify: false } : {});
        io.out(values.json ? JSON.stringify(report) : formatBuildReport(report));
        return 0;
      },
      { serveCurrent: true },
    );
  },
  async warn(args, io) {
    const { values } = parse(args, {
      markets: { type: 'string' },
      segment: { type: 'string', multiple: true },
      'ip-type': { type: 'string', multiple: true },
      en: { type: 'string' },
      zh: { type: 'string' },
      preview: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const config = loadConfig(io.env);
    if (!config.REDIS_URL)
      throw new IpriskError(
        'CONFIG_INVALID',
        'warn reaches the followers kept in Redis, and REDIS_URL is not set.',
        {
          hint: 'Set REDIS_URL to the Redis the running service uses; its notice sender delivers the warning.',
        },
      );
    const draft = {
      markets: values.markets ?? '',
      segments: values.segment ?? [],
      ipTypes: values['ip-type'] ?? [],
      en: values.en ?? '',
      zh: values.zh ?? '',
    };
    return withCore(
      io,
      async (core) => {
        if (values.preview) {
          const { notice, reach } = await core.notices.previewWarning(draft);
          const names = core.followNames('/follow');
          io.out(
            values.json
              ? JSON.stringify({ notice, reach, sent: false })
              : [
                  `followers it reaches: ${reach} (nothing sent)`,
                  '',
                  noticeCopy.message(notice, 'en', names),
                  '',
                  noticeCopy.message(notice, 'zh', names),
                ].join('\n'),
          );
          return 0;
        }
        const { notice, queued } = await core.notices.sendWarning(draft);
        io.out(
          values.json
            ? JSON.stringify({ notice, reach: queued, sent: true })
            : `warning ${notice.id} queued for ${queued} follower(s); the running service sends it`,
        );
        return 0;
      },
      { serveCurrent: true },
    );
  },
  async tickets(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, all: { type: 'boolean' } });
    const [action, id] = positionals;
    if (action !== 'list' && action !== 'show')
      throw new IpriskError('USAGE', 'tickets needs list or show ID');
    if (action === 'show' && !id) throw new IpriskError('USAGE', 'tickets show needs a ticket id');
    return withCore(io, async (core) => {
      if (action === 'show') {
        const ticket = await core.triage.get(id as string);
        io.out(
          values.json
            ? JSON.stringify(ticket)
            : ticketDetails(ticket, { withContact: true, timeZone: core.config.STAFF_TIME_ZONE }),
        );
        return 0;
      }
      const tickets = values.all ? await core.triage.all() : await core.triage.queue();
      if (values.json) io.out(JSON.stringify(tickets));
      else io.out(tickets.length === 0 ? 'no open tickets' : tickets.map(ticketLine).join('\n'));
      return 0;
    });
  },
  async serve(args, io) {
    parse(args, {});
    const config = loadConfig(io.env);
    await serve(config, createLogger(config.LOG_LEVEL));
    return 0;
  },
  async bench(args, io) {
    const { values } = parse(args, {
      json: { type: 'boolean' },
      reload: { type: 'boolean' },
      scale: { type: 'string' },
      scales: { type: 'string' },
      eval: { type: 'string' },
      chart: { type: 'string' },
    });
    const config = loadConfig(io.env);
    const logger = createConsoleLogger('error', io.err);
    if (values.scale !== undefined) {
      // One scale in this process (`iprisk bench` runs each scale this way, in a child).
      const scale = Number(values.scale);
      if (!Number.isInteger(scale) || scale < 1)
        throw new IpriskError('USAGE', '--scale takes a whole number ≥ 1');
      const result = await runScale(config, logger, scale);
      io.out(values.json ? JSON.stringify(result) : formatScales([result]));
      return 0;
    }
    const scales = (values.scales ?? '1,10,100')
      .split(',')
      .filter((s) => s.trim() !== '' && s.trim() !== '0')
      .map(Number);
    if (scales.some((n) => !Number.isInteger(n) || n < 1))
      throw new IpriskError(
        'USAGE',
        '--scales takes whole numbers ≥ 1 separated by commas, e.g. 1,10,100 (0: none)',
      );
    const items = await readEvalItems(values.eval ?? './test/eval/tune');
    const result = await runBench(config, logger, items ? { items } : {});
    if (scales.length > 0) result.scales = await runScales(scales, io.env);
    const chartDir = values.chart ?? 'docs/bench';
    if (chartDir !== 'none') {
      await mkdir(chartDir, { recursive: true });
      await writeFile(join(chartDir, 'bench.svg'), benchChart(result));
      await writeFile(join(chartDir, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
    }
    io.out(values.json ? JSON.stringify(result) : formatBench(result));
    return 0;
  },
  async loadtest(args, io) {
    const { values } = parse(args, {
      url: { type: 'string' },
      sessions: { type: 'string' },
      questions: { type: 'string' },
      concurrency: { type: 'string' },
      'redis-down-after': { type: 'string' },
      'redis-down-for': { type: 'string' },
      json: { type: 'boolean' },
    });
    const config = loadConfig(io.env);
    const whole = (name: string, value: string | undefined, fallback: number) => {
      const n = Number(value ?? fallback);
      if (!Number.isInteger(n) || n < 0) throw new IpriskError('USAGE', `--${name} takes a whole number ≥ 0`);
      return n;
    };
    const downAfter = values['redis-down-after'];
    const downFor = values['redis-down-for'];
    if ((downAfter === undefined) !== (downFor === undefined))
      throw new IpriskError('USAGE', '--redis-down-after and --redis-down-for go together (seconds)');
    if (downAfter !== undefined && !config.REDIS_URL)
      throw new IpriskError('USAGE', 'a Redis outage needs REDIS_URL (the Redis the service uses)');
    const result = await runLoadtest({
      url: values.url ?? `http://127.0.0.1:${config.HTTP_PORT}`,
      sessions: whole('sessions', values.sessions, 200),
      questions: whole('questions', values.questions, 20),
      concurrency: whole('concurrency', values.concurrency, 20),
      ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
      ...(config.ADMIN_TOKEN ? { adminToken: config.ADMIN_TOKEN } : {}),
      ...(downAfter !== undefined
        ? {
            outage: {
              afterMs: whole('redis-down-after', downAfter, 0) * 1000,
              forMs: whole('redis-down-for', downFor, 0) * 1000,
            },
          }
        : {}),
      log: io.err,
    });
    io.out(values.json ? JSON.stringify(result) : formatLoadtest(result));
    const failed = Object.values(result.failures).reduce((a, b) => a + b, 0);
    return failed > 0 || result.lostTurns > 0 || result.duplicatedTurns > 0 || (result.tickets?.lost ?? 0) > 0
      ? 1
      : 0;
  },
  async eval(args, io) {
    const { values, positionals } = parse(args, {
      json: { type: 'boolean' },
      aggregate: { type: 'boolean' },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1)
      throw new IpriskError('USAGE', 'eval needs exactly one FILE.jsonl or folder of them');
    const items = await readEvalItems(file);
    if (!items || items.length === 0) throw new IpriskError('USAGE', `no eval items at ${file}`);
    return withCore(io, async (core) => {
      const summary = await runEval(core.assistant, items);
      // A holdout set is read in aggregate only: its failures are never shown, so nobody tunes on them.
      const failures = values.aggregate ? [] : summary.failures;
      if (values.json) {
        io.out(
          JSON.stringify({
            ...summary,
            failures: failures.map((f) => ({ id: f.item.id, answer: f.result.answer })),
          }),
        );
      }
      for (const failure of failures) {
        const asked = failure.item.turns?.join(' → ') ?? failure.item.question;
        const wanted = failure.item.abstain ? 'abstain' : `one of ${JSON.stringify(failure.item.expect)}`;
        io.err(
          `FAIL ${failure.item.id}: ${asked}\n  wanted ${wanted}; got${failure.result.abstained ? ' (abstained)' : ''}: ${failure.result.answer.split('\n')[0]?.slice(0, 300)}\n`,
        );
      }
      io.out(summaryLine(summary));
      return 0;
    });
  },
};

/** Runs one command; returns the exit code (2 for wrong usage, 1 for other errors). */
export async function main(argv: string[], io: Partial<Io> = {}): Promise<number> {
  const full: Io = {
    out: io.out ?? ((text) => process.stdout.write(`${text}\n`)),
    err: io.err ?? ((text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`)),
    env: io.env,
    stdin: io.stdin ?? process.stdin,
    stdout: io.stdout ?? process.stdout,
  };
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    (name ? full.out : full.err)(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    full.err(`iprisk: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  try {
    return await command(rest, full);
  } catch (error) {
    if (isIpriskError(error, 'USAGE')) {
      full.err(`iprisk ${name}: ${error.message}\n\n${usage}`);
      return 2;
    }
    if (isIpriskError(error)) {
      full.err(`iprisk ${name}: ${error.message}${error.hint ? `\n${error.hint}` : ''}`);
      return 1;
    }
    full.err(`iprisk ${name}: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
