import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../src/logger.ts';
import type { Service } from '../../src/service/service.ts';

/** Slack retries a failed delivery three times within about five minutes; an hour covers it. */
const RETRY_WINDOW_SECONDS = 3600;

/**
 * Slack redelivers an event (same event_id, X-Slack-Retry-Num) when it thinks the first
 * delivery failed, and with several instances the retry can land on another one. The mark is
 * shared through the service (Redis), and set before handling: an event whose handling failed
 * half-way is not answered twice, which is better than two answers in a thread.
 */
export function dedupeDeliveries(service: Service, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId && !(await service.firstDelivery(`slack:${eventId}`, RETRY_WINDOW_SECONDS))) {
      logger.debug({ eventId, retryNum: context.retryNum }, 'slack redelivery skipped');
      return;
    }
    await next();
  };
}
