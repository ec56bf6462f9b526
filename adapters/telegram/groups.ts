import type { Message, UserFromGetMe } from 'grammy/types';

/** Is the message a reply to one of the bot's own messages? */
export function repliesToBot(message: Pick<Message, 'reply_to_message'>, me: UserFromGetMe): boolean {
  return message.reply_to_message?.from?.id === me.id;
}

/**
 * The question in a text message, or undefined when the bot should stay quiet. In private chats
 * every message is a question; in groups only one that mentions the bot or replies to it, so the
 * bot never talks over a group's own conversation. The mention itself is removed.
 */
export function questionFrom(
  message: Pick<Message, 'text' | 'entities' | 'reply_to_message' | 'chat'>,
  me: UserFromGetMe,
): string | undefined {
  const text = message.text;
  if (text === undefined) return undefined;
  if (message.chat.type === 'private') return text;
  const handle = `@${me.username}`.toLowerCase();
  const mentions = (message.entities ?? []).filter(
    (e) =>
      (e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
      (e.type === 'text_mention' && e.user.id === me.id),
  );
  if (mentions.length === 0 && !repliesToBot(message, me)) return undefined;
  let question = text;
  // From the end, so earlier offsets stay valid.
  for (const e of [...mentions].sort((a, b) => b.offset - a.offset))
    if (e.type === 'mention') question = question.slice(0, e.offset) + question.slice(e.offset + e.length);
  return question.replace(/\s+/gu, ' ').trim();
}
