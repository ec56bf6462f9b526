import { randomUUID } from 'node:crypto';
import type { Metrics } from '../admin/metrics.ts';
import type { Logger } from '../logger.ts';
import type { FollowProfile } from './follow-store.ts';
import type { DeliveryOutcome, Notice, NoticeDeliverer } from './notice.ts';
import type { NoticeOutcome, NoticeStore, TakenJob } from './notice-store.ts';

type Platform = FollowProfile['platform'];

export interface NoticeSenderDeps {
  store: NoticeStore;
  logger: Logger;
  metrics: Metrics;
  /** Messages per second per platform (Telegram allows about 30, Slack about 1 per channel). */
  rates: Record<Platform, number>;
  /** How often an idle sender looks for work queued elsewhere (another instance, `iprisk warn`). */
  pollMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
}

const backoffMs = (attempts: number) => Math.min(60_000, 1000 * 2 ** attempts);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Works through the notice queue: one sender at a time across instances (a lease in the store),
 * paced per platform, each recipient at most once per notice. Jobs a stopped sender left in
 * flight are taken up by the next one to hold the lease.
 */
export function createNoticeSender(deps: NoticeSenderDeps) {
  const deliverers = new Map<Platform, NoticeDeliverer>();
  const holder = randomUUID();
  const pollMs = deps.pollMs ?? 5000;
  const leaseMs = deps.leaseMs ?? 30_000;
  const maxAttempts = deps.maxAttempts ?? 5;
  const nextSlot = new Map<Platform, number>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  let lastProblem = '';

  async function pace(platform: Platform): Promise<void> {
    const at = nextSlot.get(platform) ?? 0;
    if (at > Date.now()) await sleep(at - Date.now());
    nextSlot.set(platform, Math.max(Date.now(), at) + 1000 / deps.rates[platform]);
  }

  async function finish(taken: TakenJob, outcome: NoticeOutcome, notice: Notice | undefined): Promise<void> {
    await deps.store.finish(taken, outcome);
    deps.metrics.inc('iprisk_notices_total', { kind: notice?.kind ?? 'unknown', outcome });
  }

  async function deliver(taken: TakenJob): Promise<void> {
    const { job } = taken;
    const { recipient } = job;
    const notice = await deps.store.get(job.noticeId);
    const mark = await deps.store.mark(job.noticeId, recipient);
    // 'sending' is a send that was under way when a sender stopped: it may have arrived.
    if (mark === 'sent' || mark === 'sending' || mark === 'failed') return finish(taken, 'skipped', notice);
    const deliverer = deliverers.get(recipient.platform);
    if (!notice || !deliverer) {
      await deps.store.setMark(job.noticeId, recipient, 'failed');
      deps.logger.warn(
        {
          notice: job.noticeId,
          platform: recipient.platform,
          reason: notice ? 'no adapter' : 'notice expired',
        },
        'notice not delivered',
      );
      return finish(taken, 'failed', notice);
    }
    await pace(recipient.platform);
    // Stopped while waiting for its turn: the job stays queued for the next sender.
    if (stopped) return deps.store.requeue(taken, job.attempts);
    await deps.store.setMark(job.noticeId, recipient, 'sending');
    let outcome: DeliveryOutcome;
    try {
      outcome = await deliverer.send(recipient, notice);
    } catch (error) {
      outcome = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.ok) {
      await deps.store.setMark(job.noticeId, recipient, 'sent');
      return finish(taken, 'sent', notice);
    }
    const attempts = job.attempts + 1;
    if (!outcome.permanent && attempts < maxAttempts) {
      await deps.store.setMark(job.noticeId, recipient, 'queued');
      nextSlot.set(recipient.platform, Date.now() + (outcome.retryAfterMs ?? backoffMs(attempts)));
      deps.logger.info(
        { notice: job.noticeId, platform: recipient.platform, attempts, reason: outcome.reason },
        'notice will be retried',
      );
      return deps.store.requeue(taken, attempts);
    }
    await deps.store.setMark(job.noticeId, recipient, 'failed');
    deps.logger.warn(
      { notice: job.noticeId, platform: recipient.platform, attempts, reason: outcome.reason },
      'notice not delivered',
    );
    return finish(taken, 'failed', notice);
  }

  async function drain(): Promise<void> {
    const lease = await deps.store.lease(holder, leaseMs);
    if (!lease) return;
    if (lease === 'acquired') {
      const back = await deps.store.recover();
      if (back > 0) deps.logger.info({ jobs: back }, 'notices left in flight are queued again');
    }
    let leasedAt = Date.now();
    while (!stopped) {
      if (Date.now() - leasedAt > leaseMs / 3) {
        if (!(await deps.store.lease(holder, leaseMs))) return;
        leasedAt = Date.now();
      }
      const taken = await deps.store.take();
      if (!taken) return;
      await deliver(taken);
    }
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .then(() => {
        lastProblem = '';
      })
      .catch((error: unknown) => {
        // Redis away: said once, then quiet until it works again.
        const problem = error instanceof Error ? error.message : String(error);
        if (problem !== lastProblem) deps.logger.warn({ err: problem }, 'notice queue unavailable');
        lastProblem = problem;
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  return {
    /** An adapter says how its platform delivers notices. */
    register(platform: Platform, deliverer: NoticeDeliverer): void {
      deliverers.set(platform, deliverer);
    },
    /** Starts sending (`serve`, once the adapters are registered); nothing to send with none. */
    start(): void {
      if (deliverers.size === 0 || !stopped) return;
      stopped = false;
      timer = setInterval(kick, pollMs);
      timer.unref();
      kick();
    },
    /** Work was queued: send now rather than at the next poll. */
    kick,
    /** Stops after the notice being sent; what is left stays queued for the next sender. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
      await deps.store.release(holder).catch(() => undefined);
    },
  };
}

export type NoticeSender = ReturnType<typeof createNoticeSender>;
