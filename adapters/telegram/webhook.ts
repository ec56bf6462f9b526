import type { RequestListener } from 'node:http';
import { type Bot, webhookCallback } from 'grammy';
import type { Logger } from '../../src/logger.ts';
import { describeError } from './boundary.ts';
import type { BotContext } from './context.ts';

/**
 * The /telegram/webhook handler. grammY checks X-Telegram-Bot-Api-Secret-Token on every request
 * (401 otherwise) before reading the body. An update still running after 10 s is acknowledged
 * and finishes in the background, so Telegram does not redeliver it while it is being answered.
 */
export function webhookListener(
  bot: Bot<BotContext>,
  secretToken: string,
  logger: Logger,
  isStopped: () => boolean,
): RequestListener {
  const callback = webhookCallback(bot, 'http', {
    secretToken,
    onTimeout: 'return',
    timeoutMilliseconds: 10_000,
  });
  return (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    if (isStopped()) {
      // Telegram retries later; another instance or this one after restart will take it.
      res.writeHead(503).end();
      return;
    }
    callback(req, res).catch((error: unknown) => {
      logger.warn({ err: describeError(error) }, 'telegram webhook request failed');
      if (!res.headersSent) res.writeHead(error instanceof SyntaxError ? 400 : 500);
      res.end();
    });
  };
}
