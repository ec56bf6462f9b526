import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../helpers/fixture-core.ts';
import type { Emulator } from './emulator.ts';
import { TOKEN } from './harness.ts';
import { startTriageBot, type TriageBot } from './triage-harness.ts';

describe('Telegram: following markets', () => {
  let bot: TriageBot;
  let emulator: Emulator;
  let core: TriageBot['core'];
  beforeAll(async () => {
    bot = await startTriageBot(silentLogger);
    ({ emulator, core } = bot);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('follows VN and US, shows the profile in the user’s language, and /forget deletes it from Redis', async () => {
    const c = emulator.chat(TOKEN, { chatId: 901, userId: 901, type: 'private' });
    const command = (text: string) =>
      c.client.sendCommand(c.client.makeCommand(text, { from: { language_code: 'zh' } }));
    await command('/follow VN US 照明');
    const [followed] = await c.waitFor(1);
    expect(followed?.message.text).toContain('越南 (VN)');
    expect(followed?.message.text).toContain('美国 (US)');
    expect(followed?.message.text).toContain('行业：照明');
    expect(await core.redis?.sIsMember('iprisk:followers:market:VN', 'telegram:901')).toBeTruthy();
    await command('/profile');
    const [, profile] = await c.waitFor(2);
    expect(profile?.message.text).toContain('您的关注');
    await command('/forget');
    const [, , forgotten] = await c.waitFor(3);
    expect(forgotten?.message.text).toContain('已删除');
    expect(await core.redis?.exists('iprisk:follow:telegram:901')).toBe(0);
    expect(await core.redis?.sIsMember('iprisk:followers:market:VN', 'telegram:901')).toBeFalsy();
  });

  it('offers common markets as buttons on a bare /follow; a button follows, pressed again stops', async () => {
    const c = emulator.chat(TOKEN, { chatId: 903, userId: 903, type: 'private' });
    await c.client.sendCommand(c.client.makeCommand('/follow'));
    const [offer] = await c.waitFor(1);
    const labels = offer?.message.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [];
    expect(labels).toEqual(expect.arrayContaining(['United States', 'Vietnam']));
    const press = (data: string) =>
      c.client.sendCallback(c.client.makeCallbackQuery(data, { message: { message_id: offer?.messageId } }));
    await press('fw:VN');
    for (
      let i = 0;
      i < 50 && !(await core.redis?.sIsMember('iprisk:followers:market:VN', 'telegram:903'));
      i += 1
    )
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await core.redis?.sIsMember('iprisk:followers:market:VN', 'telegram:903')).toBeTruthy();
    await press('fw:VN');
    for (
      let i = 0;
      i < 50 && (await core.redis?.sIsMember('iprisk:followers:market:VN', 'telegram:903'));
      i += 1
    )
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await core.redis?.sIsMember('iprisk:followers:market:VN', 'telegram:903')).toBeFalsy();
  });

  it('says what it did not understand, and how to follow', async () => {
    const c = emulator.chat(TOKEN, { chatId: 902, userId: 902, type: 'private' });
    await c.client.sendCommand(c.client.makeCommand('/follow Narnia'));
    const [reply] = await c.waitFor(1);
    expect(reply?.message.text).toContain('/follow VN US');
  });
});
