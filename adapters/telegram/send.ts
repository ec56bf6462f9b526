import { type Api, GrammyError } from 'grammy';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import type { Logger } from '../../src/logger.ts';
import { htmlToPlain } from './format.ts';
import { splitHtml } from './split.ts';

export interface SendOptions {
  /** Reply to this message (groups), on the first part only. */
  replyTo?: number;
  /** Buttons go under the last part, next to the end of the answer. */
  keyboard?: InlineKeyboardMarkup;
}

const isParseError = (error: unknown) =>
  error instanceof GrammyError &&
  error.error_code === 400 &&
  /can't parse entities/iu.test(error.description);

/**
 * Sends Telegram HTML, split to fit the message limit. A part Telegram refuses to parse is sent
 * again as plain text: a readable answer beats a formatting error.
 */
export async function sendHtml(
  api: Api,
  chatId: number,
  html: string,
  options: SendOptions,
  logger: Logger,
): Promise<Message.TextMessage[]> {
  const parts = splitHtml(html);
  const sent: Message.TextMessage[] = [];
  for (const [index, part] of parts.entries()) {
    const extra = {
      link_preview_options: { is_disabled: true },
      ...(index === 0 && options.replyTo !== undefined
        ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
        : {}),
      ...(index === parts.length - 1 && options.keyboard ? { reply_markup: options.keyboard } : {}),
    };
    try {
      sent.push(await api.sendMessage(chatId, part, { ...extra, parse_mode: 'HTML' }));
    } catch (error) {
      if (!isParseError(error)) throw error;
      logger.warn(
        { chatId, description: (error as GrammyError).description },
        'Telegram could not parse the HTML; sent as plain text',
      );
      sent.push(await api.sendMessage(chatId, htmlToPlain(part), extra));
    }
  }
  return sent;
}
