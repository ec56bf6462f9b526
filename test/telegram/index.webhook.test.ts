import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAdapter } from '../../adapters/adapter.ts';
import { createHttpServer, type HttpServer } from '../../adapters/http/server.ts';
import { startTelegram } from '../../adapters/telegram/index.ts';
import { isIpriskError } from '../../src/errors.ts';
import { startCore } from '../helpers/fixture-core.ts';
import { freePort, type RedisServer, startRedis } from '../helpers/redis-server.ts';
import { type Emulator, startEmulator } from './emulator.ts';
import {
  ADMIN_ID,
  BOT_USERNAME,
  buttons,
  capturingLogger,
  EN_QUESTION,
  recordCalls,
  TOKEN,
  ZH_QUESTION,
} from './harness.ts';

const SECRET = 'webhook-secret_123';

describe('Telegram adapter, webhook mode: Update JSON posted to /telegram/webhook, replies to the emulator', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let core: Awaited<ReturnType<typeof startCore>>;
  let http: HttpServer;
  let adapter: RunningAdapter | undefined;
  let base: string;
  const log = capturingLogger();
  const recorder = recordCalls();
  let nextUpdateId = 5000;
  let nextMessageId = 1;

  const textUpdate = (
    text: string,
    options: {
      chatId: number;
      userId?: number;
      type?: 'private' | 'group';
      lang?: string;
      command?: boolean;
    },
  ) => ({
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat:
        options.type === 'group'
          ? { id: options.chatId, type: 'group', title: 'Exporters' }
          : { id: options.chatId, type: 'private', first_name: 'Li' },
      from: {
        id: options.userId ?? options.chatId,
        is_bot: false,
        first_name: 'Li',
        ...(options.lang ? { language_code: options.lang } : {}),
      },
      text,
      ...(options.command
        ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }] }
        : {}),
    },
  });

  const post = (body: unknown, secret: string | null = SECRET, method = 'POST') =>
    fetch(`${base}/telegram/webhook`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
      },
      ...(method === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator();
    const port = await freePort();
    core = await startCore(undefined, {
      REDIS_URL: redis.url,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_ADMIN_IDS: String(ADMIN_ID),
    });
    http = createHttpServer(core);
    adapter = await startTelegram({ ...core, logger: log.logger }, http, { instrument: recorder.instrument });
    base = `http://127.0.0.1:${await http.listen(port, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await adapter?.stop();
    await http?.close();
    await emulator?.stop();
    await core?.close();
    await redis?.stop();
  });
  it('registers the webhook with its secret at start', () => {
    const call = recorder.calls.find((c) => c.method === 'setWebhook');
    expect(call?.payload).toMatchObject({
      url: expect.stringMatching(/\/telegram\/webhook$/u),
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
    expect(log.lines.some((l) => l.msg === 'telegram adapter started' && l.mode === 'webhook')).toBe(true);
  });

  it('refuses requests without the right secret header (401) and other methods (405)', async () => {
    const update = textUpdate(EN_QUESTION, { chatId: 201 });
    expect((await post(update, null)).status).toBe(401);
    expect((await post(update, 'wrong')).status).toBe(401);
    expect((await post(update, `${SECRET}x`)).status).toBe(401);
    expect((await post(undefined, SECRET, 'GET')).status).toBe(405);
    expect(await emulator.chat(TOKEN, { chatId: 201 }).settle(200)).toHaveLength(0);
    expect((await post('{not json', SECRET)).status).toBe(400);
  });

  it('answers a Chinese and an English question with the deadline and a citation', async () => {
    const zh = emulator.chat(TOKEN, { chatId: 202 });
    expect((await post(textUpdate(ZH_QUESTION, { chatId: 202 }))).status).toBe(200);
    const [zhAnswer] = await zh.waitFor(1);
    expect(zhAnswer?.message.text).toContain('20天');
    expect(zhAnswer?.message.text).toContain('<b>来源</b>\n• 测试:');

    const en = emulator.chat(TOKEN, { chatId: 203 });
    expect((await post(textUpdate(EN_QUESTION, { chatId: 203 }))).status).toBe(200);
    const [enAnswer] = await en.waitFor(1);
    expect(enAnswer?.message.text).toContain('20 days');
    expect(enAnswer?.message.text).toContain('<b>Sources</b>\n• Fixture:');
  });

  it('answers the same update delivered twice only once', async () => {
    const c = emulator.chat(TOKEN, { chatId: 204 });
    const update = textUpdate(EN_QUESTION, { chatId: 204 });
    expect((await post(update)).status).toBe(200);
    expect((await post(update)).status).toBe(200);
    expect(await c.settle(300)).toHaveLength(1);
    expect(log.lines.some((l) => l.msg === 'telegram update delivered again; ignored')).toBe(true);
  });

  it('records a feedback button press and answers the callback query', async () => {
    const c = emulator.chat(TOKEN, { chatId: 205 });
    await post(textUpdate(EN_QUESTION, { chatId: 205 }));
    const [answer] = await c.waitFor(1);
    const down = buttons(answer?.message ?? {}).find((b) => b.text === '👎')?.callback_data;
    const before = (await core.service.stats()).feedback.down;
    const press = {
      update_id: nextUpdateId++,
      callback_query: {
        id: 'cb-1',
        chat_instance: 'ci',
        from: { id: 205, is_bot: false, first_name: 'Li' },
        message: {
          message_id: answer?.messageId,
          date: 0,
          chat: { id: 205, type: 'private', first_name: 'Li' },
          text: answer?.message.text,
        },
        data: down,
      },
    };
    expect((await post(press)).status).toBe(200);
    expect((await core.service.stats()).feedback.down).toBe(before + 1);
    expect(
      recorder.calls.filter((call) => call.method === 'answerCallbackQuery').at(-1)?.payload,
    ).toMatchObject({
      callback_query_id: 'cb-1',
      text: 'Thanks for your feedback!',
    });
  });

  it('enforces admin-only /stats and /reload', async () => {
    const admin = emulator.chat(TOKEN, { chatId: ADMIN_ID });
    await post(textUpdate('/stats', { chatId: ADMIN_ID, command: true }));
    const [stats] = await admin.waitFor(1);
    expect(stats?.message.text).toContain('Feedback: 👍');

    const other = emulator.chat(TOKEN, { chatId: 206 });
    await post(textUpdate('/reload', { chatId: 206, command: true, lang: 'zh-CN' }));
    const [refusal] = await other.waitFor(1);
    expect(refusal?.message.text).toBe('抱歉，该命令仅限管理员使用。');
    expect(
      log.lines.filter((l) => l.msg === 'telegram admin command refused: not an admin').at(-1),
    ).toMatchObject({
      userId: 206,
      command: 'reload',
    });
  });

  it('ignores group messages without a mention, answers with one, and asks for text on a sticker', async () => {
    const group = emulator.chat(TOKEN, { chatId: -300 });
    await post(textUpdate(EN_QUESTION, { chatId: -300, userId: 9, type: 'group' }));
    expect(await group.settle(200)).toHaveLength(0);
    const mentioned = textUpdate(`@${BOT_USERNAME} ${EN_QUESTION}`, {
      chatId: -300,
      userId: 9,
      type: 'group',
    });
    Object.assign(mentioned.message, {
      entities: [{ type: 'mention', offset: 0, length: BOT_USERNAME.length + 1 }],
    });
    await post(mentioned);
    const [answer] = await group.waitFor(1);
    expect(answer?.message.text).toContain('20 days');

    const c = emulator.chat(TOKEN, { chatId: 207 });
    const { text: _text, ...sticker } = textUpdate('', { chatId: 207, lang: 'zh' }).message;
    await post({
      update_id: nextUpdateId++,
      message: { ...sticker, sticker: { file_id: 's', width: 1, height: 1 } },
    });
    const [reply] = await c.waitFor(1);
    expect(reply?.message.text).toContain('请以文字发送您的问题');
  });

  it('answers a 5,000-character message', async () => {
    const c = emulator.chat(TOKEN, { chatId: 208 });
    await post(textUpdate(`${ZH_QUESTION}`.repeat(400).slice(0, 5000), { chatId: 208 }));
    const [answer] = await c.waitFor(1);
    expect(answer?.message.text).toContain('20天');
  });

  it('keeps answering while Redis is away, and its error boundary tells the user when a command fails', async () => {
    await redis.halt();
    try {
      const asker = emulator.chat(TOKEN, { chatId: 210 });
      expect((await post(textUpdate(EN_QUESTION, { chatId: 210 }))).status).toBe(200);
      const [answer] = await asker.waitFor(1);
      expect(answer?.message.text).toContain('20 days');

      // /stats reads feedback counts, which must come from Redis: the command fails, the webhook
      // still acknowledges the update, and the admin hears "not saved, try again" rather than nothing.
      const admin = emulator.chat(TOKEN, { chatId: ADMIN_ID });
      const before = (await admin.settle(50)).length;
      expect((await post(textUpdate('/stats', { chatId: ADMIN_ID, command: true }))).status).toBe(200);
      const replies = await admin.waitFor(before + 1);
      expect(replies.at(-1)?.message.text).toMatch(/could not be saved or looked up/u);
      expect(log.lines.some((l) => l.msg === 'telegram update failed')).toBe(true);
    } finally {
      await redis.start();
    }
  });

  it('answers 503 once stopped, so Telegram redelivers to a running instance', async () => {
    await adapter?.stop();
    adapter = undefined;
    expect((await post(textUpdate(EN_QUESTION, { chatId: 209 }))).status).toBe(503);
  });
});

describe('Telegram adapter start-up checks', () => {
  it('fails fast with CONFIG_INVALID when webhook mode lacks URL or secret', async () => {
    const core = await startCore(undefined, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'webhook' });
    try {
      const error = await startTelegram(core, createHttpServer(core)).catch((e: unknown) => e);
      expect(isIpriskError(error, 'CONFIG_INVALID')).toBe(true);
      expect((error as Error).message).toContain('TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET');
    } finally {
      await core.close();
    }
  });

  it('fails with CONFIG_INVALID, not endless retries, when the Bot API cannot be reached', async () => {
    const port = await freePort();
    const core = await startCore(undefined, {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
    });
    try {
      const error = await startTelegram(core, createHttpServer(core)).catch((e: unknown) => e);
      expect(isIpriskError(error, 'CONFIG_INVALID')).toBe(true);
      expect((error as Error).message).toContain('Cannot reach the Telegram Bot API');
    } finally {
      await core.close();
    }
  });
});
