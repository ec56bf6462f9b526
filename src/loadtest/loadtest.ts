import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import { benchQuestions } from '../bench/questions.ts';
import { MAX_TURNS } from '../conversation/state.ts';

const run = promisify(execFile);

export interface LoadtestOptions {
  /** Base URL of a running `iprisk serve` (its HTTP server). */
  url: string;
  sessions: number;
  questions: number;
  concurrency: number;
  /** The service's Redis: turns are read back from it to find lost or doubled ones. */
  redisUrl?: string;
  /** Shut that Redis down (saving its data) this long after the start, for this long, then start it again. */
  outage?: { afterMs: number; forMs: number };
  /** With the admin token, tickets are counted before and after: none may disappear. */
  adminToken?: string;
  /** Per request. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface LoadtestResult {
  requests: number;
  answered: number;
  failures: Record<string, number>;
  latencyMs: { p50: number; p95: number; p99: number };
  /** Answers given while the session store was away (no history), as the service marked them. */
  withoutHistory: number;
  rateLimited: number;
  sessionsChecked: number;
  lostTurns: number;
  duplicatedTurns: number;
  tickets: { before: number; after: number; lost: number } | undefined;
  /** When Redis went down and came back, and how long after that the service was ready again. */
  outage: { downAtMs: number; upAtMs: number; readyAgainMs?: number } | undefined;
  wallMs: number;
}

interface Sent {
  question: string;
  withoutHistory: boolean;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Sessions × questions against a running service over HTTP, each session asking its questions in
 * turn and `concurrency` sessions at once; optionally Redis goes away mid-run. Afterwards the
 * stored history of every session is read back: each turn answered with history must be there
 * exactly once, in order.
 */
export async function runLoadtest(options: LoadtestOptions): Promise<LoadtestResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const base = options.url.replace(/\/$/u, '');
  const runId = Date.now().toString(36);
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let answered = 0;
  let withoutHistory = 0;
  let rateLimited = 0;
  const sent = new Map<string, Sent[]>();
  const ticketsBefore = options.adminToken ? await countTickets(base, options.adminToken) : undefined;

  const outage =
    options.outage && options.redisUrl
      ? scheduleOutage(options.redisUrl, options.outage, started, log)
      : undefined;

  async function ask(sessionId: string, question: string): Promise<Sent | undefined> {
    const t0 = performance.now();
    try {
      const res = await fetch(`${base}/v1/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question, sessionId }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      latencies.push(performance.now() - t0);
      const body = (await res.json().catch(() => ({}))) as { withoutHistory?: boolean; answer?: string };
      if (res.status === 429) rateLimited += 1;
      if (res.status !== 200) {
        failures[String(res.status)] = (failures[String(res.status)] ?? 0) + 1;
        return undefined;
      }
      if (typeof body.answer !== 'string' || body.answer.length === 0) {
        failures.empty = (failures.empty ?? 0) + 1;
        return undefined;
      }
      answered += 1;
      if (body.withoutHistory) withoutHistory += 1;
      return { question, withoutHistory: body.withoutHistory === true };
    } catch (error) {
      latencies.push(performance.now() - t0);
      const key = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
      failures[key] = (failures[key] ?? 0) + 1;
      return undefined;
    }
  }

  let next = 0;
  async function worker(): Promise<void> {
    while (next < options.sessions) {
      const s = next++;
      const sessionId = `loadtest-${runId}-${s}`;
      const mine: Sent[] = [];
      sent.set(sessionId, mine);
      for (let q = 0; q < options.questions; q += 1) {
        const question = `${benchQuestions[(s + q) % benchQuestions.length]} (q${q})`;
        const result = await ask(sessionId, question);
        if (result) mine.push(result);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, () => worker()));
  const window = await outage;
  // The service reconnects on its own: recovery without a restart is part of what is measured.
  const recoveredMs = window ? await waitUntilReady(base, 60_000) : undefined;

  let lostTurns = 0;
  let duplicatedTurns = 0;
  let sessionsChecked = 0;
  if (options.redisUrl) {
    const client = createClient({ url: options.redisUrl });
    await client.connect();
    try {
      for (const [sessionId, turns] of sent) {
        const raw = await client.get(`iprisk:session:http:${sessionId}`);
        const stored = raw ? ((JSON.parse(raw) as { turns?: Array<{ question: string }> }).turns ?? []) : [];
        const marks = stored.map((t) => /\(q\d+\)$/u.exec(t.question)?.[0] ?? t.question);
        const expected = turns
          .filter((t) => !t.withoutHistory)
          .slice(-MAX_TURNS)
          .map((t) => /\(q\d+\)$/u.exec(t.question)?.[0] ?? t.question);
        lostTurns += expected.filter((mark) => !marks.includes(mark)).length;
        duplicatedTurns += marks.length - new Set(marks).size;
        sessionsChecked += 1;
      }
    } finally {
      await client.quit();
    }
  }

  const ticketsAfter = options.adminToken ? await countTickets(base, options.adminToken) : undefined;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    answered,
    failures,
    latencyMs: {
      p50: Math.round(percentile(sorted, 50)),
      p95: Math.round(percentile(sorted, 95)),
      p99: Math.round(percentile(sorted, 99)),
    },
    withoutHistory,
    rateLimited,
    sessionsChecked,
    lostTurns,
    duplicatedTurns,
    tickets:
      ticketsBefore !== undefined && ticketsAfter !== undefined
        ? { before: ticketsBefore, after: ticketsAfter, lost: Math.max(0, ticketsBefore - ticketsAfter) }
        : undefined,
    outage: window
      ? { ...window, ...(recoveredMs !== undefined ? { readyAgainMs: recoveredMs } : {}) }
      : undefined,
    wallMs: Date.now() - started,
  };
}

async function waitUntilReady(base: string, limitMs: number): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    const res = await fetch(`${base}/readyz`).catch(() => undefined);
    if (res?.status === 200) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

async function countTickets(base: string, token: string): Promise<number> {
  const res = await fetch(`${base}/v1/tickets?status=all`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /v1/tickets answered ${res.status}: check the admin token`);
  return ((await res.json()) as { tickets: unknown[] }).tickets.length;
}

/**
 * Shuts the Redis at `url` down with its data saved, and starts it again on the same port and
 * directory: an outage an operator could cause on this machine (needs redis-server and
 * redis-cli here).
 */
async function scheduleOutage(
  url: string,
  outage: { afterMs: number; forMs: number },
  started: number,
  log: (line: string) => void,
): Promise<{ downAtMs: number; upAtMs: number }> {
  const { hostname, port } = new URL(url);
  const redisPort = port || '6379';
  await new Promise((resolve) => setTimeout(resolve, outage.afterMs));
  const client = createClient({ url });
  await client.connect();
  const dir = (await client.configGet('dir')).dir ?? '.';
  const dbfilename = (await client.configGet('dbfilename')).dbfilename ?? 'dump.rdb';
  await client.quit();
  await run('redis-cli', ['-h', hostname, '-p', redisPort, 'shutdown', 'save']).catch(() => undefined);
  const downAtMs = Date.now() - started;
  log(`redis down at ${downAtMs} ms`);
  await new Promise((resolve) => setTimeout(resolve, outage.forMs));
  await run('redis-server', [
    '--port',
    redisPort,
    '--bind',
    hostname,
    '--dir',
    dir,
    '--dbfilename',
    dbfilename,
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
  ]);
  const upAtMs = Date.now() - started;
  log(`redis up at ${upAtMs} ms`);
  return { downAtMs, upAtMs };
}

export function formatLoadtest(result: LoadtestResult): string {
  const failed = Object.entries(result.failures)
    .map(([status, n]) => `${status}×${n}`)
    .join(', ');
  return [
    `requests ${result.requests}, answered ${result.answered}, failures ${failed || 0}, rate-limited ${result.rateLimited}`,
    `latency p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms; wall ${result.wallMs} ms`,
    `answered without history (store away): ${result.withoutHistory}`,
    `sessions checked ${result.sessionsChecked}: lost turns ${result.lostTurns}, duplicated turns ${result.duplicatedTurns}`,
    result.tickets
      ? `tickets before ${result.tickets.before}, after ${result.tickets.after}, lost ${result.tickets.lost}`
      : 'tickets: not checked (no --admin-token)',
    result.outage
      ? `redis outage from ${result.outage.downAtMs} ms to ${result.outage.upAtMs} ms; service ready again ${result.outage.readyAgainMs ?? 'never (within 60 s)'} ms after`
      : 'no redis outage',
  ].join('\n');
}
