import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeOpenAi } from '../helpers/fake-openai.ts';
import { silentLogger } from '../helpers/fixture-core.ts';
import type { Emulator } from './emulator.ts';
import { BOT_USERNAME, TOKEN } from './harness.ts';
import { startTriageBot, type TriageBot } from './triage-harness.ts';

// No card answers it in the fixture knowledge, so the model writes the answer.
const PASSAGE_QUESTION = 'By when does the ITC set the target date after institution?';

describe('Telegram: a model-written answer streamed as drafts in a private chat', () => {
  const api = fakeOpenAi();
  let bot: TriageBot;
  let emulator: Emulator;
  let chatIds = 700;
  const chat = (type: 'private' | 'group' = 'private') => {
    const chatId = type === 'group' ? -++chatIds : ++chatIds;
    const c = emulator.chat(TOKEN, { chatId, userId: chatIds, type });
    return {
      ...c,
      chatId,
      say: (text: string, extra: Record<string, unknown> = {}) =>
        c.client.sendMessage(c.client.makeMessage(text, extra)),
    };
  };

  beforeAll(async () => {
    const baseUrl = await api.start();
    bot = await startTriageBot(
      silentLogger,
      {},
      {
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: baseUrl,
        CHAT_MODEL: 'test-model',
        LLM_TIMEOUT_MS: '1500',
        LLM_MAX_RETRIES: '0',
      },
    );
    emulator = bot.emulator;
  });
  afterAll(async () => {
    await bot?.stop();
    await api.stop();
  });

  it('shows verified sentences as a draft, then the final answer with its buttons', async () => {
    api.script({
      pieces: [
        'The response is due ',
        '20 days after service [1]. ',
        'An extension of 90 days ',
        'is common [1]. ',
        'Act at once [1].',
      ],
    });
    const c = chat();
    await c.say(PASSAGE_QUESTION);
    const [answer] = await c.waitFor(1);
    expect(api.requests.at(-1)?.body.stream).toBe(true);
    const drafts = emulator.drafts.filter((d) => d.chatId === c.chatId);
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts[0]?.text).toContain('20 days after service');
    // The unsupported figure is never shown, in a draft or in the answer.
    expect(drafts.some((d) => d.text.includes('90'))).toBe(false);
    expect(answer?.message.text).toContain('20 days after service');
    expect(answer?.message.text).not.toContain('90 days');
    expect(answer?.message.reply_markup?.inline_keyboard.flat().length).toBeGreaterThan(0);
  });

  it('ends with the full answer when the stream stops midway', async () => {
    api.script({ pieces: ['The response is due 20 days after service [1]. ', 'The ITC '], hang: true });
    const c = chat();
    await c.say(PASSAGE_QUESTION);
    const [answer] = await c.waitFor(1, 8000);
    // The extractive answer, whole (the model's half-written text is not what stays).
    expect(answer?.message.text).toContain('target date within 45 days');
    expect(answer?.message.text).not.toContain('[1]');
  });

  it('sends group answers whole, without drafts', async () => {
    api.script({ pieces: ['The response is due 20 days after service [1].'] });
    const c = chat('group');
    const mention = `@${BOT_USERNAME}`;
    await c.say(`${mention} ${PASSAGE_QUESTION}`, {
      entities: [{ type: 'mention', offset: 0, length: mention.length }],
    });
    await c.waitFor(1);
    expect(emulator.drafts.filter((d) => d.chatId === c.chatId)).toEqual([]);
    expect(api.requests.at(-1)?.body.stream).toBeFalsy();
  });
});
