import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changingKnowledge } from '../helpers/changing-knowledge.ts';
import { eventually } from '../helpers/eventually.ts';
import { silentLogger } from '../helpers/fixture-core.ts';
import { startRedis } from '../helpers/redis-server.ts';
import type { BotMessage } from './emulator.ts';
import { buttonData, startTriageBot, type TgChat, type TriageBot, tgChat } from './triage-harness.ts';

/** The rule-change notices a chat has had so far (reads what arrived since the last look). */
const notices = (chat: TgChat): BotMessage[] =>
  chat.inbox.filter((m): m is BotMessage => 'message' in m && m.message.text.startsWith('📢'));

/** Waits until the check holds, reading every chat's new messages before each try. */
const until = (check: () => boolean, chats: TgChat[]) =>
  eventually(async () => {
    for (const chat of chats) await chat.settle(0);
    return check();
  }, 'the notices');

describe('Telegram: change notices after a reload', () => {
  let knowledge: Awaited<ReturnType<typeof changingKnowledge>>;
  let bot: TriageBot;
  let vn: TgChat;
  let vnZh: TgChat;
  let us: TgChat;
  beforeAll(async () => {
    knowledge = await changingKnowledge();
    bot = await startTriageBot(silentLogger, {}, { KNOWLEDGE_DIR: knowledge.dir, NOTICE_POLL_MS: '200' });
    bot.core.noticeSender.start();
    vn = tgChat(bot.emulator, { chatId: 1101, userId: 1101, lang: 'en' });
    vnZh = tgChat(bot.emulator, { chatId: 1102, userId: 1102, lang: 'zh' });
    us = tgChat(bot.emulator, { chatId: 1103, userId: 1103, lang: 'en' });
  });
  afterAll(async () => {
    await bot?.stop();
    await knowledge?.remove();
  });

  it('tells the Vietnam follower once, in their language, not the US-only follower, and nothing after a rollback', async () => {
    await vn.one(() => vn.command('/follow VN US'));
    await vnZh.one(() => vnZh.command('/follow 越南'));
    await us.one(() => us.command('/follow US'));

    await knowledge.change();
    const report = await bot.core.service.reload({ userId: 'test', isAdmin: true });
    expect(report.changed).toContain('fixture-vietnam/en');
    expect(report.notices).toEqual({ notices: 1, queued: 2 });

    await until(() => notices(vn).length === 1 && notices(vnZh).length === 1, [vn, vnZh]);
    const [en] = notices(vn);
    expect(en?.message.text).toContain('Vietnam');
    expect(en?.message.text).toContain('Opposition period cut from 5 to 3 months');
    expect(en?.message.text).toContain('within 3 months of its publication');
    expect(en?.message.text).toContain('Fixture: Vietnam trademark opposition › Opposition period');
    const [zh] = notices(vnZh);
    expect(zh?.message.text).toContain('越南');
    expect(zh?.message.text).toContain('异议期由5个月缩短为3个月');

    // A rollback, and reloading the version already announced, tell nobody again.
    await bot.core.reloader.rollback();
    const again = await bot.core.service.reload({ userId: 'test', isAdmin: true });
    expect(again.notices?.queued).toBe(0);
    for (const chat of [vn, vnZh, us]) await chat.settle(600);
    expect(notices(vn)).toHaveLength(1);
    expect(notices(vnZh)).toHaveLength(1);
    expect(notices(us)).toHaveLength(0);

    const metrics = bot.core.metrics.render();
    expect(metrics).toContain('iprisk_notices_total{kind="change",outcome="sent"} 2');
  });

  it('answers "Ask about this" with a cited answer, and "Stop notices" deletes the profile', async () => {
    const notice = notices(vn)[0];
    if (!notice) throw new Error('no notice');
    const answer = await vn.one(() => vn.press(buttonData(notice, 'Ask about this'), notice.messageId));
    expect(answer.message.text).toContain('3 months');
    const stopped = await vn.one(() => vn.press(buttonData(notice, 'Stop notices'), notice.messageId));
    expect(stopped.message.text).toContain('no more notices');
    expect(await bot.core.redis?.exists('iprisk:follow:telegram:1101')).toBe(0);
    expect(bot.core.metrics.render()).toContain('iprisk_notice_optouts_total{platform="telegram"} 1');
  });

  it('lists admin warnings with /warnings', async () => {
    await bot.core.notices.sendWarning({
      markets: 'VN',
      en: 'Squatters are filing Chinese brands in Vietnam',
      zh: '越南出现大量抢注中国品牌的申请',
    });
    await until(() => vnZh.inbox.some((m) => m.message.text.includes('风险预警')), [vnZh]);
    const list = await vnZh.one(() => vnZh.command('/warnings'));
    expect(list.message.text).toContain('越南出现大量抢注中国品牌的申请');
  });
});

describe('Telegram: a restart in the middle of sending', () => {
  it('sends the rest after the restart, and nobody gets a notice twice', async () => {
    const knowledge = await changingKnowledge();
    const redis = await startRedis();
    const env = {
      KNOWLEDGE_DIR: knowledge.dir,
      NOTICE_RATE_TELEGRAM: '2',
      NOTICE_POLL_MS: '200',
    };
    const first = await startTriageBot(silentLogger, {}, { ...env, REDIS_URL: redis.url });
    const chats = [1201, 1202, 1203, 1204].map((id) =>
      tgChat(first.emulator, { chatId: id, userId: id, lang: 'en' }),
    );
    try {
      for (const chat of chats) await chat.one(() => chat.command('/follow VN'));
      first.core.noticeSender.start();
      await knowledge.change();
      const report = await first.core.service.reload({ userId: 'test', isAdmin: true });
      expect(report.notices?.queued).toBe(4);
      await until(() => chats.some((chat) => notices(chat).length > 0), chats);
      await first.core.noticeSender.stop();
      for (const chat of chats) await chat.settle(100);
      const sentBefore = chats.filter((chat) => notices(chat).length > 0).length;
      expect(sentBefore).toBeLessThan(4);

      // The same Redis, a new process: it takes up the queue where the first one stopped.
      const second = await startTriageBot(silentLogger, {}, { ...env, REDIS_URL: redis.url });
      const again = [1201, 1202, 1203, 1204].map((id) =>
        tgChat(second.emulator, { chatId: id, userId: id, lang: 'en' }),
      );
      try {
        second.core.noticeSender.start();
        await until(() => again.filter((chat) => notices(chat).length > 0).length === 4 - sentBefore, again);
        for (const chat of [...chats, ...again]) await chat.settle(400);
        for (const [i, chat] of chats.entries())
          expect(notices(chat).length + notices(again[i] as TgChat).length).toBe(1);
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
      await redis.stop();
      await knowledge.remove();
    }
  });
});
