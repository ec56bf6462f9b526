import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { freePort } from '../helpers/redis-server.ts';

/** What the emulator stored for one sendMessage of the bot (the request body, as sent). */
export interface BotMessage {
  messageId: number;
  message: {
    chat_id: number | string;
    text: string;
    parse_mode?: string;
    reply_markup?: { inline_keyboard: { text: string; callback_data?: string }[][] };
    reply_parameters?: { message_id: number };
  };
}

export type Client = ReturnType<TelegramServer['getClient']>;

/** The telegram-test-api Bot API emulator on a free loopback port. */
export async function startEmulator() {
  const port = await freePort();
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 60 });
  await server.start();
  const apiRoot = server.config.apiURL;
  return {
    server,
    apiRoot,
    /** A user in a chat, with an inbox of what the bot sent to that chat. */
    chat(token: string, options: Parameters<TelegramServer['getClient']>[1] = {}) {
      const client = server.getClient(token, { timeout: 10_000, ...options });
      const chatId = options.chatId ?? 1;
      const inbox: BotMessage[] = [];
      // The emulator's own client.getUpdates keeps polling forever when nothing comes; this reads once.
      const poll = async () => {
        const res = await fetch(`${apiRoot}/getUpdates`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token, chatId }),
        });
        const body = (await res.json()) as { result: BotMessage[] };
        inbox.push(...body.result);
      };
      return {
        client,
        inbox,
        /** Waits until at least `count` bot messages in all have arrived in this chat. */
        async waitFor(count: number, timeoutMs = 10_000): Promise<BotMessage[]> {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            await poll();
            if (inbox.length >= count) return inbox;
            if (Date.now() > deadline)
              throw new Error(`expected ${count} bot messages in chat ${chatId}, got ${inbox.length}`);
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        },
        /** Everything the bot sent to this chat once `ms` have passed. */
        async settle(ms = 300): Promise<BotMessage[]> {
          await new Promise((resolve) => setTimeout(resolve, ms));
          await poll();
          return inbox;
        },
      };
    },
    async stop() {
      await server.stop();
    },
  };
}

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
