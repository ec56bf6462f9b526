import { type RedisClient, redisCall } from '../sessions/redis-store.ts';
import type { Follower } from './following.ts';
import type { Notice, NoticeCounts, NoticeJob } from './notice.ts';

/**
 * Where a recipient stands with one notice. `sending` is written just before the platform is
 * called: a job found in flight after a crash with this mark may have been delivered, and is
 * dropped rather than sent twice.
 */
export type MarkState = 'queued' | 'sending' | 'sent' | 'failed';

export interface TakenJob {
  job: NoticeJob;
  /** The job as stored, to remove exactly it from the in-flight list. */
  raw: string;
}

export type NoticeOutcome = 'sent' | 'failed' | 'skipped';

/**
 * Notices, their delivery queue and the per-recipient marks. With Redis the queue survives a
 * restart and is shared by every instance; in memory it lives as long as the process.
 */
export interface NoticeStore {
  save(notice: Notice): Promise<void>;
  get(id: string): Promise<Notice | undefined>;
  /** Newest first, with delivery counts. */
  recent(
    kind: Notice['kind'] | undefined,
    limit: number,
  ): Promise<Array<{ notice: Notice; counts: NoticeCounts }>>;
  /**
   * Queues the notice for recipients who never had it (a mark per recipient and notice makes a
   * second call, or a second reload of the same version, queue nothing). Returns how many were queued.
   */
  enqueue(noticeId: string, recipients: Follower[]): Promise<number>;
  /** The next job, moved to the in-flight list until `finish` or `requeue`. */
  take(): Promise<TakenJob | undefined>;
  mark(noticeId: string, recipient: Follower): Promise<MarkState | undefined>;
  setMark(noticeId: string, recipient: Follower, state: MarkState): Promise<void>;
  finish(taken: TakenJob, outcome: NoticeOutcome): Promise<void>;
  /** Back to the end of the queue (`attempts` counts failed tries). */
  requeue(taken: TakenJob, attempts: number): Promise<void>;
  /** Jobs left in flight by a stopped sender go back to the queue; returns how many. */
  recover(): Promise<number>;
  pending(): Promise<number>;
  /**
   * One sender at a time across instances: renews `holder`'s lease, or takes it when free
   * ('acquired': jobs a stopped sender left in flight are now this one's to recover).
   */
  lease(holder: string, ms: number): Promise<'acquired' | 'renewed' | false>;
  release(holder: string): Promise<void>;
}

const MARK_TTL_SECONDS = 400 * 24 * 3600;
const NOTICE_TTL_SECONDS = 180 * 24 * 3600;
const LOG_MAX = 200;
const who = (recipient: Follower) => `${recipient.platform}:${recipient.userId}`;
const noCounts = (): NoticeCounts => ({ queued: 0, sent: 0, failed: 0, skipped: 0 });

export function createMemoryNoticeStore(): NoticeStore {
  const notices = new Map<string, Notice>();
  const counts = new Map<string, NoticeCounts>();
  const log: string[] = [];
  const marks = new Map<string, MarkState>();
  let queue: string[] = [];
  let inflight: string[] = [];
  let leaseHolder: string | undefined;
  const countsOf = (id: string) => {
    const found = counts.get(id) ?? noCounts();
    counts.set(id, found);
    return found;
  };
  return {
    async save(notice) {
      if (!notices.has(notice.id)) log.unshift(notice.id);
      log.length = Math.min(log.length, LOG_MAX);
      notices.set(notice.id, notice);
    },
    async get(id) {
      return notices.get(id);
    },
    async recent(kind, limit) {
      return log
        .map((id) => notices.get(id))
        .filter((n): n is Notice => n !== undefined && (!kind || n.kind === kind))
        .slice(0, limit)
        .map((notice) => ({ notice, counts: { ...countsOf(notice.id) } }));
    },
    async enqueue(noticeId, recipients) {
      let queued = 0;
      for (const recipient of recipients) {
        const key = `${noticeId}:${who(recipient)}`;
        if (marks.has(key)) continue;
        marks.set(key, 'queued');
        queue.push(JSON.stringify({ noticeId, recipient, attempts: 0 } satisfies NoticeJob));
        queued++;
      }
      countsOf(noticeId).queued += queued;
      return queued;
    },
    async take() {
      const raw = queue.shift();
      if (raw === undefined) return undefined;
      inflight.push(raw);
      return { raw, job: JSON.parse(raw) as NoticeJob };
    },
    async mark(noticeId, recipient) {
      return marks.get(`${noticeId}:${who(recipient)}`);
    },
    async setMark(noticeId, recipient, state) {
      marks.set(`${noticeId}:${who(recipient)}`, state);
    },
    async finish(taken, outcome) {
      inflight = inflight.filter((raw) => raw !== taken.raw);
      const found = countsOf(taken.job.noticeId);
      found[outcome]++;
      found.queued = Math.max(0, found.queued - 1);
    },
    async requeue(taken, attempts) {
      inflight = inflight.filter((raw) => raw !== taken.raw);
      queue.push(JSON.stringify({ ...taken.job, attempts }));
    },
    async recover() {
      const back = inflight.length;
      queue = [...inflight, ...queue];
      inflight = [];
      return back;
    },
    async pending() {
      return queue.length + inflight.length;
    },
    async lease(holder) {
      const state = leaseHolder === holder ? 'renewed' : 'acquired';
      leaseHolder = holder;
      return state;
    },
    async release(holder) {
      if (leaseHolder === holder) leaseHolder = undefined;
    },
  };
}

/**
 * Keys: iprisk:notice:<id> (the notice), iprisk:notice:counts:<id> (hash), iprisk:notice:log
 * (ids, newest first), iprisk:notice:queue and iprisk:notice:inflight (job lists),
 * iprisk:notice:mark:<id>:<platform>:<user> (state), iprisk:lock:notices (the sender's lease).
 */
export function createRedisNoticeStore(client: RedisClient): NoticeStore {
  const noticeKey = (id: string) => `iprisk:notice:${id}`;
  const countsKey = (id: string) => `iprisk:notice:counts:${id}`;
  const markKey = (id: string, recipient: Follower) => `iprisk:notice:mark:${id}:${who(recipient)}`;
  const LOG = 'iprisk:notice:log';
  const QUEUE = 'iprisk:notice:queue';
  const INFLIGHT = 'iprisk:notice:inflight';
  const LEASE = 'iprisk:lock:notices';
  const get = async (id: string) => {
    const raw = await redisCall(() => client.get(noticeKey(id)));
    return raw ? (JSON.parse(raw) as Notice) : undefined;
  };
  return {
    async save(notice) {
      const known = await redisCall(() => client.exists(noticeKey(notice.id)));
      const batch = client
        .multi()
        .set(noticeKey(notice.id), JSON.stringify(notice), { EX: NOTICE_TTL_SECONDS });
      if (!known) batch.lPush(LOG, notice.id).lTrim(LOG, 0, LOG_MAX - 1);
      await redisCall(() => batch.exec());
    },
    get,
    async recent(kind, limit) {
      // Two round trips whatever the log holds: the notices in one MGET, their counts in one batch.
      const ids = await redisCall(() => client.lRange(LOG, 0, LOG_MAX - 1));
      if (ids.length === 0) return [];
      const raws = await redisCall(() => client.mGet(ids.map(noticeKey)));
      const notices = raws
        .flatMap((raw) => (raw ? [JSON.parse(raw) as Notice] : []))
        .filter((notice) => !kind || notice.kind === kind)
        .slice(0, limit);
      if (notices.length === 0) return [];
      const batch = client.multi();
      for (const notice of notices) batch.hGetAll(countsKey(notice.id));
      const replies = (await redisCall(() => batch.exec())) as unknown as Array<Record<string, string>>;
      return notices.map((notice, i) => {
        const counts = noCounts();
        for (const name of Object.keys(counts) as Array<keyof NoticeCounts>)
          counts[name] = Math.max(0, Number(replies[i]?.[name] ?? 0));
        return { notice, counts };
      });
    },
    async enqueue(noticeId, recipients) {
      // The marks are taken first, all in one batch: a recipient who ever had (or is getting)
      // this notice is skipped. The fresh ones are queued in a second.
      const marks = client.multi();
      for (const recipient of recipients)
        marks.set(markKey(noticeId, recipient), 'queued', { NX: true, EX: MARK_TTL_SECONDS });
      const taken = recipients.length > 0 ? await redisCall(() => marks.exec()) : [];
      const fresh = recipients.filter((_, i) => String(taken[i]) === 'OK');
      const batch = client.multi();
      if (fresh.length > 0)
        batch
          .rPush(
            QUEUE,
            fresh.map((recipient) =>
              JSON.stringify({ noticeId, recipient, attempts: 0 } satisfies NoticeJob),
            ),
          )
          .hIncrBy(countsKey(noticeId), 'queued', fresh.length);
      batch.expire(countsKey(noticeId), NOTICE_TTL_SECONDS);
      await redisCall(() => batch.exec());
      return fresh.length;
    },
    async take() {
      const raw = await redisCall(() => client.lMove(QUEUE, INFLIGHT, 'LEFT', 'RIGHT'));
      return raw ? { raw, job: JSON.parse(raw) as NoticeJob } : undefined;
    },
    async mark(noticeId, recipient) {
      return ((await redisCall(() => client.get(markKey(noticeId, recipient)))) ?? undefined) as
        | MarkState
        | undefined;
    },
    async setMark(noticeId, recipient, state) {
      await redisCall(() => client.set(markKey(noticeId, recipient), state, { EX: MARK_TTL_SECONDS }));
    },
    async finish(taken, outcome) {
      await redisCall(() =>
        client
          .multi()
          .lRem(INFLIGHT, 1, taken.raw)
          .hIncrBy(countsKey(taken.job.noticeId), outcome, 1)
          .hIncrBy(countsKey(taken.job.noticeId), 'queued', -1)
          .exec(),
      );
    },
    async requeue(taken, attempts) {
      await redisCall(() =>
        client
          .multi()
          .lRem(INFLIGHT, 1, taken.raw)
          .rPush(QUEUE, JSON.stringify({ ...taken.job, attempts }))
          .exec(),
      );
    },
    async recover() {
      let back = 0;
      // Oldest first to the front of the queue, so recovered jobs go before newer ones.
      while ((await redisCall(() => client.lMove(INFLIGHT, QUEUE, 'RIGHT', 'LEFT'))) !== null) back++;
      return back;
    },
    async pending() {
      const [queued, inflight] = await Promise.all([
        redisCall(() => client.lLen(QUEUE)),
        redisCall(() => client.lLen(INFLIGHT)),
      ]);
      return queued + inflight;
    },
    async lease(holder, ms) {
      const renewed = await redisCall(() =>
        client.eval(
          "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0",
          { keys: [LEASE], arguments: [holder, String(ms)] },
        ),
      );
      if (renewed === 1) return 'renewed';
      const taken = await redisCall(() => client.set(LEASE, holder, { NX: true, PX: ms }));
      return taken === 'OK' ? 'acquired' : false;
    },
    async release(holder) {
      await redisCall(() =>
        client.eval(
          "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
          {
            keys: [LEASE],
            arguments: [holder],
          },
        ),
      );
    },
  };
}
