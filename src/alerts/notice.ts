import type { Lang } from '../text/lang.ts';
import type { Follower } from './following.ts';

/** Who a notice is for: followers of any of these markets, segments or IP types (see audience.ts). */
export interface Audience {
  markets: string[];
  ipTypes: string[];
  segments: string[];
}

/** What a notice says in one language. */
export interface NoticeText {
  /** One line: what changed, or the warning itself. */
  summary: string;
  /** The new fact, quoted from the knowledge (change notices). */
  fact?: string;
  /** Where the fact comes from: document title › section. */
  citation?: string;
}

/**
 * A message followers get without asking: a rule that changed after a reload, or a warning an
 * admin wrote. Kept by id so its buttons ("ask about this") still work after a restart.
 */
export interface Notice {
  /** Change notices: `<document>@<version>`, so a user hears about one version once. */
  id: string;
  kind: 'change' | 'warning';
  createdAt: string;
  audience: Audience;
  text: Record<Lang, NoticeText>;
  /** What "Ask about this" asks the assistant, per language. */
  question: Record<Lang, string>;
  docId?: string;
}

/** A notice to one follower, waiting in the queue. */
export interface NoticeJob {
  noticeId: string;
  recipient: Follower;
  attempts: number;
}

export type DeliveryOutcome =
  | { ok: true }
  /** `retryAfterMs`: the platform asked to slow down; `permanent`: this recipient cannot be reached. */
  | { ok: false; reason: string; retryAfterMs?: number; permanent?: boolean };

/** How a platform puts a notice in front of a follower (an adapter implements it). */
export interface NoticeDeliverer {
  send(recipient: Follower, notice: Notice): Promise<DeliveryOutcome>;
}

/** Delivery counts of one notice. */
export interface NoticeCounts {
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
}
