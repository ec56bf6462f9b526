import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAdapter } from '../../adapters/adapter.ts';
import { createHttpServer } from '../../adapters/http/server.ts';
import { startTelegram } from '../../adapters/telegram/index.ts';
import { startCore } from '../helpers/fixture-core.ts';
import { type RedisServer, startRedis } from '../helpers/redis-server.ts';
import { type Emulator, startEmulator } from './emulator.ts';
import { ADMIN_ID, capturingLogger, TOKEN } from './harness.ts';
import { buttonData, fillForm, STAFF_CHAT_ID, sampleAnswers, tgChat } from './triage-harness.ts';

/**
 * Submitting while Redis is unavailable: the requester is told plainly that nothing was submitted,
 * and never sees a ticket id. The adapter's own state (sessions, the form) lives in `core`'s Redis;
 * the ticket store is a second core whose Redis client is closed.
 */
describe('Telegram intake when the ticket store is down', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let core: Awaited<ReturnType<typeof startCore>>;
  let broken: Awaited<ReturnType<typeof startCore>>;
  let adapter: RunningAdapter;
  const log = capturingLogger();

  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator();
    const env = {
      REDIS_URL: redis.url,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      TELEGRAM_ADMIN_IDS: String(ADMIN_ID),
      TELEGRAM_STAFF_CHAT_ID: String(STAFF_CHAT_ID),
    };
    core = await startCore(undefined, env);
    broken = await startCore(undefined, env);
    await broken.redis?.quit();
    adapter = await startTelegram(
      { ...core, triage: broken.triage, logger: log.logger },
      createHttpServer(core),
    );
  });
  afterAll(async () => {
    await adapter?.stop();
    await emulator?.stop();
    await broken?.close();
    await core?.close();
    await redis?.stop();
  });

  it('says the request was not saved, shows no id, and offers the summary again', async () => {
    const c = tgChat(emulator, { chatId: 501, userId: 501 });
    const summary = await fillForm(c, sampleAnswers());
    const [failed, again] = await c.exchange(
      () => c.press(buttonData(summary, '✅ Submit'), summary.messageId),
      2,
    );
    expect(failed?.message.text).toBe(
      'Sorry, your assistance request could not be saved, so it was not submitted. Please try again shortly, or contact your local overseas IP dispute guidance center branch directly.',
    );
    expect(again?.message.text).toContain('<b>Please check your request</b>');
    expect(c.inbox.some((m) => /IPR-\d/u.test(m.message.text))).toBe(false);
    const staff = tgChat(emulator, { chatId: STAFF_CHAT_ID, userId: ADMIN_ID, type: 'group' });
    expect(await staff.settle(200)).toHaveLength(0);
    const logged = log.lines.find((l) => l.msg === 'telegram: assistance request not saved');
    expect(logged).toMatchObject({ level: 50, err: { code: 'STORE_UNAVAILABLE' }, userId: '501' });
    expect(JSON.stringify(log.lines)).not.toContain('li.wei@example.com');
  });

  it('says the same when all of Redis is gone by the time Submit is pressed', async () => {
    const c = tgChat(emulator, { chatId: 502, userId: 502, lang: 'zh-hans' });
    const summary = await fillForm(c, sampleAnswers({ contact: '+86 574 8765 4321' }));
    await core.redis?.quit();
    const failed = await c.one(() => c.press(buttonData(summary, '✅ 提交'), summary.messageId));
    expect(failed.message.text).toBe(
      '抱歉，您的协助申请暂时无法保存，没有提交成功。请稍后重试，或直接联系当地海外知识产权纠纷应对指导分中心。',
    );
    expect(c.inbox.some((m) => /IPR-\d/u.test(m.message.text))).toBe(false);
    const logged = log.lines.find((l) => l.msg === 'telegram update failed');
    expect(logged).toMatchObject({ err: { code: 'STORE_UNAVAILABLE' } });
    expect(JSON.stringify(log.lines)).not.toContain('8765 4321');
  });
});
