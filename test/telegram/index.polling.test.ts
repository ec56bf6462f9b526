import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAdapter } from '../../adapters/adapter.ts';
import { createHttpServer } from '../../adapters/http/server.ts';
import { startTelegram } from '../../adapters/telegram/index.ts';
import { MESSAGE_LIMIT } from '../../adapters/telegram/split.ts';
import { startCore } from '../helpers/fixture-core.ts';
import { type RedisServer, startRedis } from '../helpers/redis-server.ts';
import { type Emulator, startEmulator } from './emulator.ts';
import {
  ADMIN_ID,
  BOT_ID,
  BOT_USERNAME,
  balanced,
  buttons,
  capturingLogger,
  EN_QUESTION,
  FAILING_QUESTION,
  LONG_QUESTION,
  recordCalls,
  TOKEN,
  withTestAnswers,
  ZH_QUESTION,
} from './harness.ts';

describe('Telegram adapter, polling (grammY runner) against the Bot API emulator, with Redis', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let core: Awaited<ReturnType<typeof startCore>>;
  let adapter: RunningAdapter;
  const log = capturingLogger();
  const recorder = recordCalls();
  let chatIds = 100;
  const chat = (options: { userId?: number; type?: 'private' | 'group'; lang?: string } = {}) => {
    const chatId = options.type === 'group' ? -++chatIds : ++chatIds;
    const userId = options.userId ?? chatIds;
    const c = emulator.chat(TOKEN, { chatId, userId, type: options.type ?? 'private' });
    const from = options.lang ? { from: { language_code: options.lang } } : {};
    return {
      ...c,
      chatId,
      say: (text: string, extra: Record<string, unknown> = {}) =>
        c.client.sendMessage(c.client.makeMessage(text, { ...from, ...extra })),
      command: (text: string) => c.client.sendCommand(c.client.makeCommand(text, from)),
      press: (data: string, messageId: number) =>
        c.client.sendCallback(c.client.makeCallbackQuery(data, { message: { message_id: messageId } })),
    };
  };

  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator();
    core = await startCore(undefined, {
      REDIS_URL: redis.url,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      TELEGRAM_ADMIN_IDS: `${ADMIN_ID}, not-a-number`,
    });
    const http = createHttpServer(core);
    adapter = await startTelegram(
      { ...core, logger: log.logger, service: withTestAnswers(core.service) },
      http,
      { instrument: recorder.instrument },
    );
  });
  afterAll(async () => {
    await adapter?.stop();
    await emulator?.stop();
    await core?.close();
    await redis?.stop();
  });

  it('answers a Chinese question with the deadline and a bold 来源 list, with buttons', async () => {
    const c = chat({ lang: 'zh-hans' });
    await c.say(ZH_QUESTION);
    const [answer] = await c.waitFor(1);
    expect(answer?.message.parse_mode).toBe('HTML');
    expect(answer?.message.text).toContain('20天');
    expect(answer?.message.text).toContain('<b>来源</b>\n• 测试:');
    // The composer's own "来源:" line is replaced, not repeated.
    expect(answer?.message.text.match(/来源/gu)).toHaveLength(1);
    expect(buttons(answer?.message ?? {}).map((b) => b.text)).toEqual(['👍', '👎', '来源']);
  });

  it('answers an English question with the deadline and a bold Sources list', async () => {
    const c = chat();
    await c.say(EN_QUESTION);
    const [answer] = await c.waitFor(1);
    expect(answer?.message.text).toContain('20 days');
    expect(answer?.message.text).toContain('<b>Sources</b>\n• Fixture: Section 337 response');
    expect(buttons(answer?.message ?? {}).map((b) => b.text)).toEqual(['👍', '👎', 'Sources']);
  });

  it('keeps one chat in order when questions arrive back to back', async () => {
    const c = chat();
    await c.say(ZH_QUESTION);
    await c.say(EN_QUESTION);
    await c.say(ZH_QUESTION);
    const answers = await c.waitFor(3);
    expect(answers.map((a) => (a.message.text.includes('20天') ? 'zh' : 'en'))).toEqual(['zh', 'en', 'zh']);
  });

  it('keeps going when optional methods (setMyCommands, sendChatAction) are not implemented', async () => {
    const failed = log.lines.filter((l) => l.msg === 'optional Telegram call failed; continuing');
    expect(failed.map((l) => l.method)).toEqual(expect.arrayContaining(['setMyCommands', 'sendChatAction']));
    // Warned once per method, then quietly.
    expect(failed.filter((l) => l.method === 'sendChatAction' && l.level === 40)).toHaveLength(1);
    const c = chat();
    await c.command('/start');
    const [welcome] = await c.waitFor(1);
    expect(welcome?.message.text).toContain('Section 337 response deadline');
    expect(log.lines.some((l) => l.msg === 'telegram adapter started' && l.mode === 'polling')).toBe(true);
  });

  it('welcomes in Chinese when the user’s Telegram language is Chinese', async () => {
    const c = chat({ lang: 'zh-hant' });
    await c.command('/start');
    const [welcome] = await c.waitFor(1);
    expect(welcome?.message.text).toContain('美国337调查的答辩期限是多久？');
  });

  it('records 👍 once per user, answers the button, and keeps the answer in Redis with a TTL', async () => {
    const c = chat();
    await c.say(EN_QUESTION);
    const [answer] = await c.waitFor(1);
    const up = buttons(answer?.message ?? {}).find((b) => b.text === '👍')?.callback_data ?? '';
    expect(up).toMatch(/^fb\+:[\w-]+$/u);
    expect(Buffer.byteLength(up)).toBeLessThanOrEqual(64);
    const before = (await core.service.stats()).feedback.up;

    await c.press(up, answer?.messageId ?? 0);
    await expect
      .poll(async () => (await core.service.stats()).feedback.up, { timeout: 5000 })
      .toBe(before + 1);
    await expect
      .poll(() =>
        recorder.calls
          .filter((call) => call.method === 'answerCallbackQuery')
          .map((call) => call.payload.text),
      )
      .toContain('Thanks for your feedback!');

    await c.press(up, answer?.messageId ?? 0);
    await expect
      .poll(() =>
        recorder.calls
          .filter((call) => call.method === 'answerCallbackQuery')
          .map((call) => call.payload.text),
      )
      .toContain('You already gave this answer that rating.');
    expect((await core.service.stats()).feedback.up).toBe(before + 1);

    // Changing one's mind: the last vote counts.
    const down = buttons(answer?.message ?? {}).find((b) => b.text === '👎')?.callback_data ?? '';
    const downBefore = (await core.service.stats()).feedback.down;
    await c.press(down, answer?.messageId ?? 0);
    await expect
      .poll(async () => (await core.service.stats()).feedback, { timeout: 5000 })
      .toEqual({ up: before, down: downBefore + 1 });
    await expect
      .poll(() =>
        recorder.calls
          .filter((call) => call.method === 'answerCallbackQuery')
          .map((call) => call.payload.text),
      )
      .toContain('Your rating is changed. Thanks!');

    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      // The core keeps the answer record behind the buttons, for every platform.
      const key = `iprisk:answer:${up.slice('fb+:'.length)}`;
      const stored = JSON.parse((await client.get(key)) ?? '{}');
      expect(stored).toMatchObject({ question: EN_QUESTION, indexVersion: core.service.indexVersion() });
      expect(stored.result.answer).toContain('20 days');
      expect(await client.ttl(key)).toBeGreaterThan(0);
      const [feedback] = (await client.lRange('iprisk:feedback', 0, 0)).map((f) => JSON.parse(f));
      // The latest vote first: the change to 👎.
      expect(feedback).toMatchObject({ platform: 'telegram', vote: 'down', question: EN_QUESTION });
    } finally {
      await client.quit();
    }
  });

  it('expands the sources with their sections on "Sources"', async () => {
    const c = chat();
    await c.say(EN_QUESTION);
    const [answer] = await c.waitFor(1);
    const sources = buttons(answer?.message ?? {}).find((b) => b.text === 'Sources')?.callback_data ?? '';
    await c.press(sources, answer?.messageId ?? 0);
    const [, expanded] = await c.waitFor(2);
    expect(expanded?.message.text).toContain(
      '<b>Sources</b>\n1. <b>Fixture: Section 337 response</b> — Key deadlines',
    );
  });

  it('offers "Request assistance" for an active dispute and opens the request form', async () => {
    const c = chat();
    await c.say('We received a 337 complaint yesterday, what now?');
    const [answer] = await c.waitFor(1);
    const assist = buttons(answer?.message ?? {}).find((b) => b.text === 'Request assistance');
    expect(assist).toBeDefined();
    await c.press(assist?.callback_data ?? '', answer?.messageId ?? 0);
    const [, intro, first] = await c.waitFor(3);
    expect(intro?.message.text).toContain('Request assistance from the experts');
    expect(first?.message.text).toContain('Step 1/9');
    await c.command('/cancel');
    const [, , , cancelled] = await c.waitFor(4);
    expect(cancelled?.message.text).toBe('Request cancelled; nothing was sent.');
  });

  it('lets only admins run /stats and /reload, and logs refusals with the user id only', async () => {
    const admin = chat({ userId: ADMIN_ID });
    await admin.command('/stats');
    const [stats] = await admin.waitFor(1);
    expect(stats?.message.text).toContain(`Index version: <code>${core.service.indexVersion()}</code>`);
    await admin.command('/reload');
    const replies = await admin.waitFor(3);
    expect(replies[2]?.message.text).toMatch(
      /Knowledge base reloaded: version <code>[^<]+<\/code>, 6 documents/u,
    );

    const other = chat({ userId: 7 });
    await other.command('/stats');
    await other.command('/reload');
    const refusals = await other.waitFor(2);
    expect(refusals.map((r) => r.message.text)).toEqual([
      'Sorry, that command is for administrators only.',
      'Sorry, that command is for administrators only.',
    ]);
    const warnings = log.lines.filter((l) => l.msg === 'telegram admin command refused: not an admin');
    expect(warnings).toEqual([
      expect.objectContaining({ level: 40, userId: 7, command: 'stats' }),
      expect.objectContaining({ level: 40, userId: 7, command: 'reload' }),
    ]);
    expect(JSON.stringify(warnings)).not.toContain('TestName');
  });

  it('tells an admin why a reload failed, and keeps serving the old version', async () => {
    const before = core.service.indexVersion();
    await core.redis?.set('iprisk:lock:reload', 'another-instance', { PX: 60_000 });
    try {
      const admin = chat({ userId: ADMIN_ID });
      await admin.command('/reload');
      const replies = await admin.waitFor(2);
      expect(replies[1]?.message.text).toContain('Reload failed: Another reload is running');
      expect(replies[1]?.message.text).toContain('The previous version keeps serving.');
      expect(core.service.indexVersion()).toBe(before);
    } finally {
      await core.redis?.del('iprisk:lock:reload');
    }
  });

  it('pins the language with /lang and keeps it in the grammY session in Redis', async () => {
    const c = chat();
    await c.command('/lang zh');
    const [set] = await c.waitFor(1);
    expect(set?.message.text).toBe('我将用中文回答。');
    const sticker = c.client.makeMessage('');
    delete (sticker as { text?: string }).text;
    await c.client.sendMessage({ ...sticker, sticker: { file_id: 'x', width: 1, height: 1 } } as never);
    const [, reply] = await c.waitFor(2);
    expect(reply?.message.text).toContain('请以文字发送您的问题');
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      expect(JSON.parse((await client.get(`iprisk:tg-session:${c.chatId}`)) ?? '{}')).toEqual({ lang: 'zh' });
      expect(await client.ttl(`iprisk:tg-session:${c.chatId}`)).toBeGreaterThan(0);
    } finally {
      await client.quit();
    }
    await c.command('/lang klingon');
    const [, , usage] = await c.waitFor(3);
    expect(usage?.message.text).toContain('/lang auto');
  });

  it.each([
    'Some brand put our shop in a Schedule A case in Chicago and PayPal froze our money. What can we do?',
    '我们的亚马逊店铺因为Schedule A案件被冻结了，怎么办？',
  ])('offers “Request assistance” under an answer about a dispute under way: %s', async (text) => {
    const c = chat();
    await c.say(text);
    const [answer] = await c.waitFor(1);
    const labels = buttons(answer?.message ?? {}).map((b) => b.text);
    expect(labels.some((l) => l === 'Request assistance' || l === '申请专家协助')).toBe(true);
  });

  it('answers a greeting with the help text and no buttons to rate', async () => {
    const c = chat();
    await c.say('Hello!');
    const [reply] = await c.waitFor(1);
    expect(reply?.message.text).toContain('/help');
    expect(reply?.message.reply_markup).toBeUndefined();
  });

  it('asks for text when sent a sticker or a photo', async () => {
    const c = chat();
    const base = c.client.makeMessage('');
    delete (base as { text?: string }).text;
    await c.client.sendMessage({ ...base, sticker: { file_id: 's', width: 1, height: 1 } } as never);
    await c.client.sendMessage({ ...base, photo: [{ file_id: 'p', width: 1, height: 1 }] } as never);
    const replies = await c.waitFor(2);
    expect(replies.map((r) => r.message.text)).toEqual([
      'Please send your question as text; I cannot read photos, stickers, voice messages or files.',
      'Please send your question as text; I cannot read photos, stickers, voice messages or files.',
    ]);
  });

  it('answers a 5,000-character message normally', async () => {
    const c = chat();
    const text = `${EN_QUESTION} `.repeat(200).slice(0, 5000);
    await c.say(text);
    const [answer] = await c.waitFor(1);
    expect(answer?.message.text).toContain('20 days');
    expect(buttons(answer?.message ?? {}).map((b) => b.text)).toContain('👍');
  });

  it('splits a long answer into well-formed parts, buttons under the last', async () => {
    const c = chat();
    await c.say(LONG_QUESTION);
    const parts = await c.settle(600).then(() => c.inbox);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.message.text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(balanced(part.message.text)).toBe(true);
      expect(part.message.text).not.toMatch(/<evidence>|&(?!amp;|lt;|gt;)/u);
    }
    expect(parts.slice(0, -1).every((p) => buttons(p.message).length === 0)).toBe(true);
    expect(buttons(parts.at(-1)?.message ?? {}).map((b) => b.text)).toContain('Request assistance');
    expect(parts.at(-1)?.message.text).toContain('<b>Sources</b>\n• Fixture: Section 337 &lt;response&gt;');
  });

  it('in groups, answers only when mentioned or replied to', async () => {
    const c = chat({ type: 'group' });
    await c.say(EN_QUESTION);
    await c.say('@SomeoneElse what do you think?', {
      entities: [{ type: 'mention', offset: 0, length: 12 }],
    });
    expect(await c.settle(500)).toHaveLength(0);

    const mention = `@${BOT_USERNAME}`;
    await c.say(`${mention} ${EN_QUESTION}`, {
      entities: [{ type: 'mention', offset: 0, length: mention.length }],
    });
    const [answer] = await c.waitFor(1);
    expect(answer?.message.text).toContain('20 days');
    expect(answer?.message.reply_parameters?.message_id).toEqual(expect.any(Number));

    await c.say(ZH_QUESTION, {
      reply_to_message: {
        message_id: answer?.messageId,
        from: { id: BOT_ID, is_bot: true, first_name: 'Bot' },
        chat: { id: c.chatId, type: 'group', title: 'g' },
        date: 0,
        text: 'x',
      },
    });
    const [, second] = await c.waitFor(2);
    expect(second?.message.text).toContain('20天');

    await c.command(`/help@${BOT_USERNAME}`);
    const [, , help] = await c.waitFor(3);
    expect(help?.message.text).toContain('/lang zh|en|auto');
    await c.command('/help@OtherBot');
    expect(await c.settle(300)).toHaveLength(3);
  });

  it('catches a failure at the one error boundary: short reply, logged without long text, counted', async () => {
    const c = chat();
    await c.say(`${FAILING_QUESTION} ${'secretish '.repeat(50)}`);
    const [reply] = await c.waitFor(1);
    expect(reply?.message.text).toBe('Sorry, something went wrong; please try again.');
    const logged = log.lines.find((l) => l.msg === 'telegram update failed');
    expect(logged).toMatchObject({ level: 50, err: { message: 'simulated failure in the core' } });
    expect(String(logged?.textPreview).length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(logged)).not.toContain(TOKEN);
    expect(core.metrics.render()).toMatch(/iprisk_errors_total\{platform="telegram"\} 1/u);
  });

  it('never logs the bot token', () => {
    expect(JSON.stringify(log.lines)).not.toContain(TOKEN);
  });
});
