import type { RunningAdapter } from '../../adapters/adapter.ts';
import { createHttpServer } from '../../adapters/http/server.ts';
import { startTelegram } from '../../adapters/telegram/index.ts';
import type { Logger } from '../../src/logger.ts';
import { startCore } from '../helpers/fixture-core.ts';
import { startRedis } from '../helpers/redis-server.ts';
import { type BotFile, type BotMessage, type Emulator, startEmulator } from './emulator.ts';
import { ADMIN_ID, BOT_ID, BOT_USERNAME, TOKEN } from './harness.ts';

export const STAFF_CHAT_ID = -900;

/** A day `offset` days from today, as the form wants it. */
export const dayFromNow = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export interface FormAnswers {
  company: string;
  contactName: string;
  contact: string;
  market: string;
  ipType: string;
  disputeType: string;
  deadline: string;
  description: string;
  question: string;
}

export const sampleAnswers = (over: Partial<FormAnswers> = {}): FormAnswers => ({
  company: 'Ningbo Lighting Co.',
  contactName: 'Li Wei',
  contact: 'li.wei@example.com',
  market: 'US',
  ipType: 'patent',
  disputeType: 'section-337',
  deadline: dayFromNow(5),
  description: 'We were served with a Section 337 complaint about our LED lamps.',
  question: 'skip',
  ...over,
});

/** A user in a chat of the emulator, with helpers to talk to the bot step by step. */
export function tgChat(
  emulator: Emulator,
  options: { chatId: number; userId: number; type?: 'private' | 'group'; lang?: string },
) {
  const type = options.type ?? 'private';
  const c = emulator.chat(TOKEN, { chatId: options.chatId, userId: options.userId, type });
  const from = options.lang ? { from: { language_code: options.lang } } : {};
  const say = (text: string, extra: Record<string, unknown> = {}) =>
    c.client.sendMessage(c.client.makeMessage(text, { ...from, ...extra }));
  /** The reply_to_message of a user's reply to a bot message: its text, or a file's caption. */
  const repliedTo = (message: BotMessage | BotFile) => ({
    message_id: message.messageId,
    from: { id: BOT_ID, is_bot: true, first_name: 'Bot', username: BOT_USERNAME },
    chat: { id: options.chatId, type },
    date: 0,
    ...('message' in message
      ? { text: message.message.text }
      : {
          ...(message.caption !== undefined ? { caption: message.caption } : {}),
          document: { file_id: message.fileId, file_unique_id: message.fileId, file_name: message.name },
        }),
  });
  /** A message without text: a document or photo, with a caption or none. */
  const sendMedia = (
    media: Record<string, unknown>,
    extra: { caption?: string; replyTo?: BotMessage | BotFile; from?: Record<string, unknown> } = {},
  ) => {
    const message = c.client.makeMessage('', {
      ...from,
      ...(extra.from ? { from: { ...from.from, ...extra.from } as never } : {}),
      ...(extra.caption !== undefined ? { caption: extra.caption } : {}),
      ...(extra.replyTo ? { reply_to_message: repliedTo(extra.replyTo) as never } : {}),
      ...media,
    });
    delete (message as { text?: string }).text;
    return c.client.sendMessage(message as never);
  };
  const chat = {
    ...c,
    chatId: options.chatId,
    userId: options.userId,
    say,
    /** A message sent as a reply to one of the bot's messages. */
    replyTo: (message: BotMessage | BotFile, text: string, extra: Record<string, unknown> = {}) =>
      say(text, { reply_to_message: repliedTo(message), ...extra }),
    /**
     * A document whose bytes the emulator serves: `name` and `mimeType` as Telegram reports them,
     * `size` to report another file_size than the bytes have.
     */
    sendDocument: (
      file: { bytes: Uint8Array; name: string; mimeType: string; size?: number },
      extra: Parameters<typeof sendMedia>[1] = {},
    ) => sendMedia({ document: emulator.upload(file.bytes, file.name, file.mimeType, file.size) }, extra),
    /** A photo in the two sizes Telegram makes, smallest first; `bytes` are the large one's. */
    sendPhoto: (bytes: Uint8Array, extra: Parameters<typeof sendMedia>[1] = {}) => {
      const thumb = emulator.upload(new Uint8Array([1, 2, 3]), 'thumb.jpg', 'image/jpeg');
      const large = emulator.upload(bytes, 'photo.jpg', 'image/jpeg');
      return sendMedia(
        {
          photo: [
            {
              file_id: thumb.file_id,
              file_unique_id: thumb.file_unique_id,
              width: 90,
              height: 67,
              file_size: 3,
            },
            {
              file_id: large.file_id,
              file_unique_id: large.file_unique_id,
              width: 1280,
              height: 960,
              file_size: large.file_size,
            },
          ],
        },
        extra,
      );
    },
    command: (text: string) => c.client.sendCommand(c.client.makeCommand(text, from)),
    press: (data: string, messageId: number, extra: Record<string, unknown> = {}) =>
      c.client.sendCallback(
        c.client.makeCallbackQuery(data, { message: { message_id: messageId }, ...from, ...extra }),
      ),
    /** Does `action`, then returns the `count` bot messages it produced in this chat. */
    async exchange(action: () => Promise<unknown>, count = 1): Promise<BotMessage[]> {
      const before = c.inbox.length;
      await action();
      return (await c.waitFor(before + count)).slice(before, before + count);
    },
    /** Like exchange, for exactly one message. */
    async one(action: () => Promise<unknown>): Promise<BotMessage> {
      const [message] = await chat.exchange(action, 1);
      if (!message) throw new Error('no message');
      return message;
    },
  };
  return chat;
}

export type TgChat = ReturnType<typeof tgChat>;

export const buttonData = (message: BotMessage, text: string): string => {
  const found = (message.message.reply_markup?.inline_keyboard ?? []).flat().find((b) => b.text === text);
  if (!found?.callback_data) throw new Error(`no button "${text}" under: ${message.message.text}`);
  return found.callback_data;
};

/** Starts the form (with /assist unless told) and answers every step; returns the summary message. */
export async function fillForm(
  chat: TgChat,
  answers: FormAnswers,
  start: () => Promise<unknown> = () => chat.command('/assist'),
): Promise<BotMessage> {
  const [, first] = await chat.exchange(start, 2);
  if (!first?.message.text.includes('1/9'))
    throw new Error(`unexpected first prompt: ${first?.message.text}`);
  await chat.one(() => chat.say(answers.company));
  await chat.one(() => chat.say(answers.contactName));
  await chat.one(() => chat.say(answers.contact));
  const ipPrompt = await chat.one(() => chat.say(answers.market));
  const disputePrompt = await chat.one(() => chat.press(`tk:ipType:${answers.ipType}`, ipPrompt.messageId));
  await chat.one(() => chat.press(`tk:disputeType:${answers.disputeType}`, disputePrompt.messageId));
  await chat.one(() => chat.say(answers.deadline));
  await chat.one(() => chat.say(answers.description));
  return chat.one(() => chat.say(answers.question));
}

/**
 * The assistance-request world on Telegram: a throwaway Redis, the Bot API emulator, the core
 * with the staff chat configured, the adapter, and the staff chat as an admin sees it.
 */
export async function startTriageBot(
  logger: Logger,
  options: Parameters<typeof startTelegram>[2] = {},
  /** More configuration, e.g. LLM mode against a local server. */
  env: Record<string, string> = {},
) {
  const redis = await startRedis();
  const emulator = await startEmulator();
  const core = await startCore(undefined, {
    REDIS_URL: redis.url,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    TELEGRAM_ADMIN_IDS: String(ADMIN_ID),
    TELEGRAM_STAFF_CHAT_ID: String(STAFF_CHAT_ID),
    ...env,
  });
  const adapter: RunningAdapter = await startTelegram({ ...core, logger }, createHttpServer(core), options);
  const staff = tgChat(emulator, { chatId: STAFF_CHAT_ID, userId: ADMIN_ID, type: 'group' });
  return {
    emulator: emulator as Emulator,
    core,
    staff,
    async stop() {
      await adapter.stop();
      await emulator.stop();
      await core.close();
      await redis.stop();
    },
  };
}

export type TriageBot = Awaited<ReturnType<typeof startTriageBot>>;
