import type { Lang } from '../text/lang.ts';

/**
 * The human service has one name per language wherever users meet it: the button and command
 * that start it, and what a request is called.
 */
export const assistance = {
  /** The action: the button under an answer, the form's title. */
  action: { en: 'Request assistance', zh: '申请专家协助' },
  /** One request, as the requester and staff refer to it. */
  request: { en: 'assistance request', zh: '协助申请' },
} as const satisfies Record<string, Record<Lang, string>>;
