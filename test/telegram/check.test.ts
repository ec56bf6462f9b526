import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedKnowledge, silentLogger } from '../helpers/fixture-core.ts';
import { startTriageBot, type TriageBot, tgChat } from './triage-harness.ts';

describe('Telegram: /check, the pre-export risk check', () => {
  let bot: TriageBot;
  beforeAll(async () => {
    bot = await startTriageBot(silentLogger, {}, { KNOWLEDGE_DIR: shippedKnowledge });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('asks six questions with buttons and ends with a cited checklist: register in the US and the EU, FTO search', async () => {
    const chat = tgChat(bot.emulator, { chatId: 1301, userId: 1301, lang: 'en' });
    const first = await chat.one(() => chat.command('/check'));
    expect(first.message.text).toContain('1/6');
    // Typed markets answer the first question; the rest are buttons on one message, edited in place.
    const second = await chat.one(() => chat.say('US and Germany'));
    expect(second.message.text).toContain('2/6');
    const press = (data: string) => chat.press(data, second.messageId);
    await press('ck:done');
    await press('ck:o:amazon');
    await press('ck:done');
    await press('ck:o:only-china');
    await press('ck:o:yes');
    const checklist = await chat.one(() => press('ck:o:no'));
    const text = checklist.message.text;
    expect(text).toContain('Your pre-export checklist (United States, Germany)');
    expect(text).toMatch(/Register your brand as a trademark in United States/u);
    expect(text).toContain('the whole EU (an EU trade mark covers Germany)');
    expect(text).toMatch(/freedom-to-operate search/u);
    expect(text).toContain('Source: Preventing IP risk before you export');
    const items = text.split('\n').filter((line) => /^\d+\. /u.test(line));
    const sources = text.split('\n').filter((line) => line.trim().startsWith('Source: '));
    expect(sources).toHaveLength(items.length);
    // Already selling with the brand unregistered there: the experts are offered.
    expect(text).toContain('/assist');
  });

  it('in a group, points to a private chat, where the link starts the check', async () => {
    const group = tgChat(bot.emulator, { chatId: -1305, userId: 1305, type: 'group', lang: 'en' });
    const pointer = await group.one(() => group.command('/check'));
    const url = pointer.message.reply_markup?.inline_keyboard.flat()[0];
    expect(url && 'url' in url ? url.url : '').toMatch(/\?start=check$/u);
    const chat = tgChat(bot.emulator, { chatId: 1305, userId: 1305, lang: 'en' });
    expect((await chat.one(() => chat.command('/start check'))).message.text).toContain('1/6');
  });

  it('speaks Chinese to a Chinese user, taking typed answers', async () => {
    const chat = tgChat(bot.emulator, { chatId: 1302, userId: 1302, lang: 'zh' });
    expect((await chat.one(() => chat.command('/check'))).message.text).toContain('出口前风险自查');
    await chat.one(() => chat.say('美国、德国'));
    await chat.one(() => chat.say('商标'));
    await chat.one(() => chat.say('亚马逊'));
    await chat.one(() => chat.say('仅在中国'));
    await chat.one(() => chat.say('否'));
    const checklist = await chat.one(() => chat.say('没有'));
    expect(checklist.message.text).toContain('出口前风险清单（美国、德国）');
    expect(checklist.message.text).toContain('在美国发货、上架或参展之前');
    expect(checklist.message.text).toContain('整个欧盟');
    expect(checklist.message.text).toContain('自由实施（FTO）检索');
    expect(checklist.message.text).toContain('来源：');
    expect(checklist.message.text).not.toContain('/assist');
  });
});
