import type { Config } from '../../src/config/config.ts';
import { IpriskError } from '../../src/errors.ts';
import type { Logger } from '../../src/logger.ts';

export const WEBHOOK_PATH = '/telegram/webhook';

export type TelegramSettings =
  | (Common & { mode: 'polling' })
  | (Common & { mode: 'webhook'; webhookUrl: string; webhookSecret: string });

interface Common {
  token: string;
  apiRoot: string;
  /** Numeric Telegram user ids, as strings, allowed to run /reload and /stats and to act on tickets. */
  adminIds: ReadonlySet<string>;
  /**
   * The Telegram chat where staff handle assistance requests: set only when TELEGRAM_STAFF_CHAT_ID
   * is and Slack is not the staff side (SLACK_TRIAGE_CHANNEL unset).
   */
  staffChatId?: string;
}

const secretPattern = /^[A-Za-z0-9_-]{1,256}$/u;

/** The Telegram part of the configuration, checked so a bad setup fails at start, not on the first update. */
export function telegramSettings(config: Config, logger: Logger): TelegramSettings {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token)
    throw new IpriskError('CONFIG_INVALID', 'TELEGRAM_BOT_TOKEN is not set.', {
      hint: 'Create a bot with @BotFather and put its token in TELEGRAM_BOT_TOKEN.',
    });
  const adminIds = new Set<string>();
  for (const id of config.TELEGRAM_ADMIN_IDS) {
    if (/^\d+$/u.test(id)) adminIds.add(id);
    else logger.warn({ id }, 'TELEGRAM_ADMIN_IDS: ignoring an entry that is not a numeric user id');
  }
  const staffChatId = staffChat(config, logger);
  const common = {
    token,
    apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/u, ''),
    adminIds,
    ...(staffChatId ? { staffChatId } : {}),
  };
  if (config.TELEGRAM_MODE === 'polling') return { ...common, mode: 'polling' };

  const url = config.TELEGRAM_WEBHOOK_URL;
  const secret = config.TELEGRAM_WEBHOOK_SECRET;
  if (!url || !secret)
    throw new IpriskError(
      'CONFIG_INVALID',
      `TELEGRAM_MODE=webhook needs ${[!url && 'TELEGRAM_WEBHOOK_URL', !secret && 'TELEGRAM_WEBHOOK_SECRET'].filter(Boolean).join(' and ')}.`,
      {
        hint: `Set TELEGRAM_WEBHOOK_URL to the public https URL of ${WEBHOOK_PATH} and TELEGRAM_WEBHOOK_SECRET to a random string (A-Z a-z 0-9 _ -), or use TELEGRAM_MODE=polling.`,
      },
    );
  if (!secretPattern.test(secret))
    throw new IpriskError(
      'CONFIG_INVALID',
      'TELEGRAM_WEBHOOK_SECRET has characters Telegram does not accept.',
      {
        hint: 'Use 1-256 characters from A-Z, a-z, 0-9, _ and -, e.g. the output of `openssl rand -hex 32`.',
      },
    );
  if (!new URL(url).pathname.endsWith(WEBHOOK_PATH))
    logger.warn(
      { path: new URL(url).pathname },
      `TELEGRAM_WEBHOOK_URL does not end in ${WEBHOOK_PATH}; fine only if a proxy rewrites it`,
    );
  return { ...common, mode: 'webhook', webhookUrl: url, webhookSecret: secret };
}

/** The staff chat, when Telegram is where staff handle tickets; Slack wins when both are set. */
function staffChat(config: Config, logger: Logger): string | undefined {
  const chat = config.TELEGRAM_STAFF_CHAT_ID?.trim();
  if (!chat) return undefined;
  if (!/^-?\d+$/u.test(chat))
    throw new IpriskError('CONFIG_INVALID', 'TELEGRAM_STAFF_CHAT_ID is not a numeric chat id.', {
      hint: 'Use the numeric id of the staff group (e.g. -1001234567890); add the bot to the group first.',
    });
  if (config.SLACK_TRIAGE_CHANNEL) {
    logger.info(
      'SLACK_TRIAGE_CHANNEL is set: staff handle tickets in Slack; TELEGRAM_STAFF_CHAT_ID is not used',
    );
    return undefined;
  }
  return chat;
}
