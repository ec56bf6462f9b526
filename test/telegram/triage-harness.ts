import type { BotMessage, Emulator } from './emulator.ts';
import { BOT_ID, BOT_USERNAME, TOKEN } from './harness.ts';

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
  const chat = {
    ...c,
    chatId: options.chatId,
    userId: options.userId,
    say,
    /** A message sent as a reply to one of the bot's messages. */
    replyTo: (message: BotMessage, text: string, extra: Record<string, unknown> = {}) =>
      say(text, {
        reply_to_message: {
          message_id: message.messageId,
          from: { id: BOT_ID, is_bot: true, first_name: 'Bot', username: BOT_USERNAME },
          chat: { id: options.chatId, type },
          date: 0,
          text: message.message.text,
        },
        ...extra,
      }),
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
