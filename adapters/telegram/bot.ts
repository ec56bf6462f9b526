import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, session } from 'grammy';
import { errorBoundary } from './boundary.ts';
import { installCallbacks } from './callbacks.ts';
import { installCheck } from './check.ts';
import { installCommands } from './commands.ts';
import type { BotContext, ChatSession } from './context.ts';
import { dedupeUpdates } from './dedupe.ts';
import type { StaffPrompt, TelegramCore, TelegramDeps } from './deps.ts';
import { installIntake, installStaleFormButtons } from './intake.ts';
import { installMessages } from './messages.ts';
import { installNotices } from './notices.ts';
import { optionalCalls } from './optional.ts';
import { adapterStore, sessionStorageAdapter } from './redis-storage-adapter.ts';
import { installRequesterReplies } from './requester.ts';
import type { TelegramSettings } from './settings.ts';
import { installStaff } from './staff.ts';

export interface BotOptions {
  /** Runs right after the Bot is made, before any middleware: for benchmarks and test observers. */
  instrument?: (bot: Bot<BotContext>) => void;
}

export type { TelegramCore } from './deps.ts';

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

  // The one error boundary, for polling and webhook alike: grammY's bot.catch only sees errors
  // in polling mode, so every middleware runs inside errorBoundary as well.
  const boundary = errorBoundary(core);
  bot.catch(boundary);
  const guarded = bot.errorBoundary(boundary);
  // One chat's updates in the order they came (the runner is concurrent across chats).
  guarded.use(sequentialize((ctx: BotContext) => ctx.chat?.id.toString()));
  guarded.use(dedupeUpdates(core.service, core.logger));
  guarded.use(
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
  installIntake(guarded, deps);
  installCheck(guarded, deps);
  installCommands(guarded, deps);
  installStaff(guarded, deps);
  installStaleFormButtons(guarded, () => core.storeHealth?.down() ?? false);
  installNotices(guarded, deps);
  installCallbacks(guarded, deps);
  installRequesterReplies(guarded, deps);
  installMessages(guarded, deps);
  return { bot, deps };
}
