import { run } from '@grammyjs/runner';
import { type Bot, GrammyError } from 'grammy';
import type { Core } from '../../src/core.ts';
import { IpriskError } from '../../src/errors.ts';
import type { Logger } from '../../src/logger.ts';
import type { RunningAdapter } from '../adapter.ts';
import type { HttpServer } from '../http/server.ts';
import { type BotOptions, createBot } from './bot.ts';
import { describeError } from './boundary.ts';
import type { BotContext } from './context.ts';
import { inFlight } from './in-flight.ts';
import { telegramNoticeDeliverer } from './notices.ts';
import type { OptionalCall } from './optional.ts';
import { telegramRequesterNotifier } from './requester.ts';
import { telegramSettings, WEBHOOK_PATH } from './settings.ts';
import { telegramStaffNotifier } from './staff.ts';
import { menu } from './texts.ts';
import { webhookListener } from './webhook.ts';

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
/** How long stop() waits for answers being written. */
const DRAIN_MS = 10_000;

async function setMenu(bot: Bot<BotContext>, optional: OptionalCall): Promise<void> {
  await optional('setMyCommands', () => bot.api.setMyCommands(menu.en));
  await optional('setMyCommands', () => bot.api.setMyCommands(menu.zh, { language_code: 'zh' }));
}

/**
 * getMe, once. Not bot.init(): it retries network errors forever, and a bot that cannot reach
 * its API or has a wrong token should stop the start with a message saying which.
 */
async function identify(bot: Bot<BotContext>): Promise<void> {
  try {
    bot.botInfo = await bot.api.getMe();
  } catch (error) {
    const rejected = error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404);
    throw new IpriskError(
      'CONFIG_INVALID',
      rejected
        ? `The Telegram Bot API rejected the bot token (getMe: ${error.description}).`
        : `Cannot reach the Telegram Bot API (getMe failed${error instanceof GrammyError ? `: ${error.description}` : ''}).`,
      {
        cause: error,
        hint: rejected
          ? 'Check TELEGRAM_BOT_TOKEN (from @BotFather).'
          : 'Check TELEGRAM_API_ROOT and the network path to it.',
      },
    );
  }
}

/** Starts the Telegram adapter (grammY) in polling or webhook mode. */
export async function startTelegram(
  core: Core,
  http: HttpServer,
  options: BotOptions = {},
): Promise<RunningAdapter> {
  const logger: Logger = core.logger.child({ adapter: 'telegram' });
  const settings = telegramSettings(core.config, logger);
  const tracker = inFlight();
  const { bot, deps } = createBot({ ...core, logger }, settings, {
    instrument: (made) => {
      options.instrument?.(made);
      made.use(tracker.middleware);
    },
  });

  await identify(bot);
  await setMenu(bot, deps.optional);

  // Requesters who applied here hear back here; staff work in the Telegram staff chat only when
  // Slack is not the staff side (see telegramSettings).
  core.triage.registerRequester('telegram', telegramRequesterNotifier(bot.api, logger));
  core.noticeSender.register('telegram', telegramNoticeDeliverer(bot.api, { ...core, logger }));
  if (deps.staff) {
    core.triage.registerStaff(
      telegramStaffNotifier(
        bot.api,
        deps.staff,
        logger,
        core.config.TICKET_RETENTION_DAYS,
        core.config.STAFF_TIME_ZONE,
      ),
    );
    logger.info({ staffChat: deps.staff.chatId }, 'assistance requests go to the Telegram staff chat');
  }

  if (settings.mode === 'webhook') {
    let stopped = false;
    http.mount(
      WEBHOOK_PATH,
      webhookListener(bot, settings.webhookSecret, logger, () => stopped),
    );
    try {
      await bot.api.setWebhook(settings.webhookUrl, {
        secret_token: settings.webhookSecret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
    } catch (error) {
      throw new IpriskError('CONFIG_INVALID', 'Telegram refused the webhook (setWebhook failed).', {
        cause: error,
        hint: `Check that TELEGRAM_WEBHOOK_URL is a public https URL reaching ${WEBHOOK_PATH}.`,
      });
    }
    logger.info({ bot: bot.botInfo.username, mode: 'webhook' }, 'telegram adapter started');
    return {
      name: 'telegram',
      async stop() {
        stopped = true;
        await tracker.drain(DRAIN_MS);
      },
    };
  }

  // Polling and a webhook exclude each other; a leftover webhook would make getUpdates fail.
  await deps.optional('deleteWebhook', () => bot.api.deleteWebhook());
  // The runner retries failed polls itself; it is silenced because it prints the raw error, whose
  // URL holds the token, and failures are logged here instead, redacted.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      if (method === 'getUpdates' && !signal?.aborted)
        logger.warn({ err: describeError(error) }, 'telegram getUpdates failed; retrying');
      throw error;
    }
  });
  const runner = run(bot, {
    runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, silent: true },
  });
  runner.task()?.catch((error: unknown) => {
    logger.error({ err: describeError(error) }, 'telegram polling stopped');
  });
  logger.info({ bot: bot.botInfo.username, mode: 'polling' }, 'telegram adapter started');
  return {
    name: 'telegram',
    async stop() {
      if (runner.isRunning()) await runner.stop();
      await tracker.drain(DRAIN_MS);
    },
  };
}
