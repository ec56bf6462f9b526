import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendHtml } from '../../adapters/telegram/send.ts';
import { type Emulator, startEmulator } from './emulator.ts';
import { capturingLogger, TOKEN } from './harness.ts';

describe('sendHtml against the emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it('resends a part as plain text when Telegram cannot parse its entities', async () => {
    const api = new Api(TOKEN, { apiRoot: emulator.apiRoot });
    let refused = 0;
    // Telegram's answer to HTML it cannot parse; the emulator does not validate HTML itself.
    api.config.use(async (prev, method, payload, signal) => {
      if (method === 'sendMessage' && (payload as { parse_mode?: string }).parse_mode === 'HTML') {
        refused++;
        return {
          ok: false,
          error_code: 400,
          description: "Bad Request: can't parse entities: Unexpected end tag at byte offset 3",
        } as never;
      }
      return prev(method, payload, signal);
    });
    const log = capturingLogger();
    const chat = emulator.chat(TOKEN, { chatId: 77 });
    await sendHtml(api, 77, '<b>Fixture &amp; co</b> &lt;ok&gt;', { replyTo: 5 }, log.logger);
    const [sent] = await chat.waitFor(1);
    expect(refused).toBe(1);
    expect(sent?.message.text).toBe('Fixture & co <ok>');
    expect(sent?.message.parse_mode).toBeUndefined();
    expect(sent?.message.reply_parameters?.message_id).toBe(5);
    expect(log.lines.some((l) => l.msg === 'Telegram could not parse the HTML; sent as plain text')).toBe(
      true,
    );
  });

  it('passes other errors on', async () => {
    const api = new Api(TOKEN, { apiRoot: emulator.apiRoot });
    api.config.use(
      async () => ({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked' }) as never,
    );
    await expect(sendHtml(api, 1, 'hi', {}, capturingLogger().logger)).rejects.toThrow(/blocked/u);
  });
});
