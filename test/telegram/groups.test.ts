import type { Message, UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { questionFrom } from '../../adapters/telegram/groups.ts';

const me = { id: 666, is_bot: true, first_name: 'Bot', username: 'IpriskBot' } as UserFromGetMe;
const group = { id: -5, type: 'group', title: 'exporters' } as Message['chat'];
const msg = (text: string, extra: Partial<Message> = {}) =>
  ({ text, chat: group, ...extra }) as Pick<Message, 'text' | 'entities' | 'reply_to_message' | 'chat'>;

describe('questionFrom', () => {
  it('takes every private message as a question', () => {
    expect(questionFrom(msg('hi', { chat: { id: 1, type: 'private', first_name: 'a' } }), me)).toBe('hi');
  });

  it('ignores group messages that neither mention nor reply to the bot', () => {
    expect(questionFrom(msg('what about 337?'), me)).toBeUndefined();
    expect(
      questionFrom(msg('@OtherBot 337?', { entities: [{ type: 'mention', offset: 0, length: 9 }] }), me),
    ).toBeUndefined();
  });

  it('answers a mention (any case, anywhere) with the mention removed', () => {
    const text = 'so @iprisKbot what is the 337 deadline?';
    expect(questionFrom(msg(text, { entities: [{ type: 'mention', offset: 3, length: 10 }] }), me)).toBe(
      'so what is the 337 deadline?',
    );
  });

  it('answers a text mention and a reply to the bot', () => {
    const textMention = msg('Bot deadline?', {
      entities: [
        { type: 'text_mention', offset: 0, length: 3, user: { id: 666, is_bot: true, first_name: 'B' } },
      ],
    });
    expect(questionFrom(textMention, me)).toBe('Bot deadline?');
    const reply = msg('and for Korea?', {
      reply_to_message: {
        message_id: 1,
        date: 0,
        chat: group,
        from: me,
      } as unknown as Message['reply_to_message'],
    });
    expect(questionFrom(reply, me)).toBe('and for Korea?');
  });
});
