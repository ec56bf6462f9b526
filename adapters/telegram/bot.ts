import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, session } from 'grammy';
import type { Core } from '../../src/core.ts';
import { errorBoundary } from './boundary.ts';
import { installCallbacks } from './callbacks.ts';
import { installCommands } from './commands.ts';
import type { BotContext, ChatSession } from './context.ts';
import { dedupeUpdates } from './dedupe.ts';
import type { AnswerRecord, StaffPrompt, TelegramDeps } from './deps.ts';
import { installIntake, installStaleFormButtons } from './intake.ts';
import { installMessages } from './messages.ts';
import { optionalCalls } from './optional.ts';
import { adapterStore, sessionStorageAdapter } from './redis-storage-adapter.ts';
import { installRequesterReplies } from './requester.ts';
import type { TelegramSettings } from './settings.ts';
import { installStaff } from './staff.ts';

export interface BotOptions {
  /** Runs right after the Bot is made, before any middleware: for benchmarks and test observers. */
  instrument?: (bot: Bot<BotContext>) => void;
}

export type TelegramCore = Pick<Core, 'service' | 'logger' | 'metrics' | 'config' | 'redis' | 'triage'> &
  Partial<Pick<Core, 'store' | 'storeHealth'>>;

/** Builds the grammY bot with all middleware; starting it (polling or webhook) is index.ts's job. */
export function createBot(
  core: TelegramCore,
  settings: TelegramSettings,
  options: BotOptions = {},
): { bot: Bot<BotContext>; deps: TelegramDeps } {
  const bot = new Bot<BotContext>(settings.token, { client: { apiRoot: settings.apiRoot } });
  options.instrument?.(bot);
  // 429s wait for retry_after and 5xx back off; a network failure is not retried forever, so a
  // shutdown is not held up by an unreachable Telegram.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));

  const deps: TelegramDeps = {
    core,
    settings,
    answers: adapterStore<AnswerRecord>(core, 'tg-answer', 'tolerant'),
    votes: adapterStore<true>(core, 'tg-vote'),
    optional: optionalCalls(core.logger),
    ...(settings.staffChatId
      ? {
          staff: {
            chatId: settings.staffChatId,
            prompts: adapterStore<StaffPrompt>(core, 'tg-staff-prompt'),
            threads: adapterStore<string>(core, 'tg-staff-thread'),
          },
        }
      : {}),
  };

  // One chat's updates in the order they came (the runner is concurrent across chats).
  bot.use(sequentialize((ctx: BotContext) => ctx.chat?.id.toString()));
  bot.use(dedupeUpdates(core.service, core.logger));
  bot.use(
    session<ChatSession, BotContext>({
      initial: () => ({}),
      storage: sessionStorageAdapter(
        adapterStore<ChatSession>(core, 'tg-session', 'tolerant'),
        core.config.SESSION_TTL_SECONDS,
      ),
    }),
  );
  // An open assistance-request form takes the chat's updates first (commands other than /cancel
  // and other buttons are passed on).
  installIntake(bot, deps);
  installCommands(bot, deps);
  installStaff(bot, deps);
  installStaleFormButtons(bot, () => core.storeHealth?.down() ?? false);
  installCallbacks(bot, deps);
  installRequesterReplies(bot, deps);
  installMessages(bot, deps);
  bot.catch(errorBoundary(core));
  return { bot, deps };
}
