import { type RedisClient, redisCall } from '../sessions/redis-store.ts';

export interface Feedback {
  platform: string;
  userId: string;
  vote: 'up' | 'down';
  question: string;
  answer: string;
  /** The index version that produced the answer, so admins can tell which knowledge it came from. */
  indexVersion: string;
  at: string;
}

export interface FeedbackStore {
  add(feedback: Feedback): Promise<void>;
  recent(limit: number): Promise<Feedback[]>;
  counts(): Promise<{ up: number; down: number }>;
}

/** Feedback is kept for admins to review, capped so it never grows without bound. */
export const FEEDBACK_CAP = 10_000;

export function createMemoryFeedbackStore(): FeedbackStore {
  const items: Feedback[] = [];
  return {
    async add(feedback) {
      items.unshift(feedback);
      items.length = Math.min(items.length, FEEDBACK_CAP);
    },
    async recent(limit) {
      return items.slice(0, limit);
    },
    async counts() {
      return {
        up: items.filter((f) => f.vote === 'up').length,
        down: items.filter((f) => f.vote === 'down').length,
      };
    },
  };
}

export function createRedisFeedbackStore(client: RedisClient): FeedbackStore {
  const listKey = 'iprisk:feedback';
  const countKey = 'iprisk:feedback:counts';
  return {
    async add(feedback) {
      await redisCall(() =>
        client
          .multi()
          .lPush(listKey, JSON.stringify(feedback))
          .lTrim(listKey, 0, FEEDBACK_CAP - 1)
          .hIncrBy(countKey, feedback.vote, 1)
          .exec(),
      );
    },
    async recent(limit) {
      const raw = await redisCall(() => client.lRange(listKey, 0, limit - 1));
      return raw.map((item) => JSON.parse(item) as Feedback);
    },
    async counts() {
      const raw = await redisCall(() => client.hGetAll(countKey));
      return { up: Number(raw.up ?? 0), down: Number(raw.down ?? 0) };
    },
  };
}
