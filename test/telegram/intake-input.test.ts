import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/triage/ticket.ts';
import type { startCore } from '../helpers/fixture-core.ts';
import type { Emulator } from './emulator.ts';
import { capturingLogger } from './harness.ts';
import { startTriageBot, type TriageBot, tgChat } from './triage-harness.ts';

describe('Telegram intake: input as a Chinese keyboard types it (emulator + Redis)', () => {
  let bot: TriageBot;
  let emulator: Emulator;
  let core: Awaited<ReturnType<typeof startCore>>;
  const log = capturingLogger();
  const ticketOf = async (userId: number): Promise<Ticket> => {
    const [ticket] = await core.triage.mine({ platform: 'telegram', userId: String(userId) });
    if (!ticket) throw new Error(`no ticket for ${userId}`);
    return ticket;
  };

  beforeAll(async () => {
    bot = await startTriageBot(log.logger);
    ({ emulator, core } = bot);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('takes a full-width contact and "资金被冻结了", refuses a past deadline, and stores the ticket', async () => {
    const c = tgChat(emulator, { chatId: 701, userId: 701, lang: 'zh-hans' });
    await c.exchange(() => c.command('/assist'), 2);
    await c.one(() => c.say('宁波照明有限公司'));
    await c.one(() => c.say('张伟'));
    const market = await c.one(() => c.say('张伟＠example.com'));
    expect(market.message.text).toContain('第 4/9 步');
    const ipPrompt = await c.one(() => c.say('美国'));
    const disputePrompt = await c.one(() => c.press('tk:ipType:trademark', ipPrompt.messageId));
    const deadline = await c.one(() => c.press('tk:disputeType:schedule-a', disputePrompt.messageId));
    expect(deadline.message.text).toContain('第 7/9 步');
    const passed = await c.one(() => c.say('2020-01-01'));
    expect(passed.message.text).toContain('⚠️ 该日期已过');
    expect(passed.message.text).toContain('第 7/9 步');
    const description = await c.one(() => c.press('tk:deadline:none', passed.messageId));
    expect(description.message.text).toContain('第 8/9 步');
    const question = await c.one(() => c.say('资金被冻结了'));
    expect(question.message.text).not.toContain('⚠️');
    expect(question.message.text).toContain('第 9/9 步');
    const summary = await c.one(() => c.say('跳过'));
    expect(summary.message.text).toContain('张伟@example.com');

    const saved = await c.one(() => c.press('tk:do:submit', summary.messageId));
    const ticket = await ticketOf(c.userId);
    expect(saved.message.text).toContain(ticket.id);
    expect(ticket.input).toMatchObject({
      company: '宁波照明有限公司',
      contactName: '张伟',
      contact: '张伟@example.com',
      market: '美国',
      disputeType: 'schedule-a',
      description: '资金被冻结了',
    });
    expect(ticket.input.deadline).toBeUndefined();
    expect(ticket.priority.reasons).toContain('No deadline given');
  });
});
