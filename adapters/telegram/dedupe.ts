import type { MiddlewareFn } from 'grammy';
import type { Logger } from '../../src/logger.ts';
import type { Service } from '../../src/service/service.ts';
import type { BotContext } from './context.ts';

/**
 * Telegram redelivers an update when a webhook call fails or times out, and a restart can fetch
 * one again; the mark (Redis when configured, so every instance sees it) answers it once.
 * Update ids are per bot, hence the bot id in the key.
 */
export function dedupeUpdates(
  service: Pick<Service, 'firstDelivery'>,
  logger: Logger,
): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    if (!(await service.firstDelivery(`telegram:${ctx.me.id}:${updateId}`))) {
      logger.info({ updateId }, 'telegram update delivered again; ignored');
      return;
    }
    await next();
  };
}
