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
  /** `replaces`: the same user's earlier vote on the same answer, which no longer counts. */
  add(feedback: Feedback, replaces?: Feedback['vote']): Promise<void>;
  recent(limit: number): Promise<Feedback[]>;
  counts(): Promise<{ up: number; down: number }>;
}

/** Feedback is kept for admins to review, capped so it never grows without bound. */
export const FEEDBACK_CAP = 10_000;

export function createMemoryFeedbackStore(): FeedbackStore {
  const items: Feedback[] = [];
  return {
    async add(feedback, replaces) {
      if (replaces) {
        const earlier = items.findIndex(
          (f) =>
            f.platform === feedback.platform &&
            f.userId === feedback.userId &&
            f.question === feedback.question &&
            f.answer === feedback.answer,
        );
        if (earlier >= 0) items.splice(earlier, 1);
      }
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
    async add(feedback, replaces) {
      // The list keeps every vote as cast; the counts keep only each user's last one.
      const batch = client
        .multi()
        .lPush(listKey, JSON.stringify(feedback))
        .lTrim(listKey, 0, FEEDBACK_CAP - 1)
        .hIncrBy(countKey, feedback.vote, 1);
      if (replaces) batch.hIncrBy(countKey, replaces, -1);
      await redisCall(() => batch.exec());
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
