import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/admin/metrics.ts';
import type { Follower } from '../../src/alerts/following.ts';
import type { DeliveryOutcome, Notice } from '../../src/alerts/notice.ts';
import { createNoticeSender } from '../../src/alerts/notice-sender.ts';
import {
  createMemoryNoticeStore,
  createRedisNoticeStore,
  type NoticeStore,
} from '../../src/alerts/notice-store.ts';
import { eventually } from '../helpers/eventually.ts';
import { silentLogger } from '../helpers/fixture-core.ts';
import { useRedisClient } from '../helpers/redis-server.ts';

const follower = (id: string): Follower => ({
  platform: 'telegram',
  userId: id,
  conversationId: id,
  lang: 'en',
});
const notice = (id: string): Notice => ({
  id,
  kind: 'warning',
  createdAt: new Date().toISOString(),
  audience: { markets: ['VN'], ipTypes: [], segments: [] },
  text: { en: { summary: 'Squatting is rising' }, zh: { summary: '抢注增多' } },
  question: { en: 'trademark squatting in Vietnam', zh: '越南商标抢注' },
});

/** A sender over `store` whose Telegram answers with `outcomes` in turn (then OK), recording who got what. */
function senderFor(store: NoticeStore, outcomes: DeliveryOutcome[] = []) {
  const delivered: string[] = [];
  const metrics = createMetrics();
  const sender = createNoticeSender({
    store,
    logger: silentLogger,
    metrics,
    rates: { telegram: 1000, slack: 1000 },
    pollMs: 50,
  });
  sender.register('telegram', {
    async send(recipient, sent) {
      const outcome = outcomes.shift() ?? { ok: true };
      if (outcome.ok) delivered.push(`${recipient.userId}:${sent.id}`);
      return outcome;
    },
  });
  return { sender, delivered, metrics };
}

describe('the notice queue and its sender', () => {
  const redis = useRedisClient();

  it('queues a recipient once per notice, however often it is asked to', async () => {
    const store = createMemoryNoticeStore();
    await store.save(notice('n1'));
    expect(await store.enqueue('n1', [follower('1'), follower('2')])).toBe(2);
    expect(await store.enqueue('n1', [follower('1'), follower('2'), follower('3')])).toBe(1);
    expect(await store.pending()).toBe(3);
  });

  it('drops a send that was under way when the last sender died, rather than risk sending it twice', async () => {
    await redis.client.flushAll();
    const crashed = createRedisNoticeStore(redis.client);
    await crashed.save(notice('n2'));
    await crashed.enqueue('n2', [follower('1'), follower('2')]);
    // The dead sender took the first job and had called Telegram when it stopped.
    const taken = await crashed.take();
    if (!taken) throw new Error('nothing queued');
    await crashed.setMark('n2', taken.job.recipient, 'sending');

    const { sender, delivered, metrics } = senderFor(createRedisNoticeStore(redis.client));
    sender.start();
    await eventually(async () => (await crashed.pending()) === 0, 'the queue to empty');
    await sender.stop();
    expect(delivered).toEqual(['2:n2']);
    expect(metrics.render()).toContain('iprisk_notices_total{kind="warning",outcome="skipped"} 1');
    const [logged] = await crashed.recent('warning', 5);
    expect(logged?.counts).toMatchObject({ sent: 1, skipped: 1, queued: 0 });
  });

  it('retries what Telegram refused for now, and gives up at once on a blocked user', async () => {
    await redis.client.flushAll();
    const store = createRedisNoticeStore(redis.client);
    await store.save(notice('n3'));
    await store.enqueue('n3', [follower('1'), follower('2')]);
    const { sender, delivered, metrics } = senderFor(store, [
      { ok: false, reason: '429 Too Many Requests', retryAfterMs: 20 },
      { ok: false, reason: '403 Forbidden: bot was blocked by the user', permanent: true },
    ]);
    sender.start();
    await eventually(async () => (await store.pending()) === 0, 'the queue to empty');
    await sender.stop();
    expect(delivered).toEqual(['1:n3']);
    expect(await store.mark('n3', follower('2'))).toBe('failed');
    expect(metrics.render()).toContain('iprisk_notices_total{kind="warning",outcome="failed"} 1');
  });

  it('lets one sender at a time work the queue across instances', async () => {
    await redis.client.flushAll();
    const a = createRedisNoticeStore(redis.client);
    const b = createRedisNoticeStore(redis.client);
    expect(await a.lease('a', 1000)).toBe('acquired');
    expect(await b.lease('b', 1000)).toBe(false);
    expect(await a.lease('a', 1000)).toBe('renewed');
    await a.release('a');
    expect(await b.lease('b', 1000)).toBe('acquired');
  });
});
