import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterStore } from '../../adapters/telegram/redis-storage-adapter.ts';
import { telegramStaffNotifier } from '../../adapters/telegram/staff.ts';
import type { Ticket } from '../../src/triage/ticket.ts';
import type { startCore } from '../helpers/fixture-core.ts';
import type { BotMessage, Emulator } from './emulator.ts';
import { ADMIN_ID, buttons, capturingLogger, EN_QUESTION, recordCalls, TOKEN } from './harness.ts';
import {
  buttonData,
  dayFromNow,
  fillForm,
  STAFF_CHAT_ID,
  sampleAnswers,
  startTriageBot,
  type TgChat,
  type TriageBot,
  tgChat,
} from './triage-harness.ts';

describe('Telegram assistance requests: intake, staff chat, relay (emulator + Redis)', () => {
  let bot: TriageBot;
  let emulator: Emulator;
  let core: Awaited<ReturnType<typeof startCore>>;
  let staff: TgChat;
  const log = capturingLogger();
  const recorder = recordCalls();
  let ids = 300;
  const user = (options: { lang?: string; type?: 'private' | 'group' } = {}) => {
    const id = ++ids;
    return tgChat(emulator, {
      chatId: options.type === 'group' ? -id : id,
      userId: id,
      ...options,
    });
  };
  const ticketOf = async (userId: number): Promise<Ticket> => {
    const [ticket] = await core.triage.mine({ platform: 'telegram', userId: String(userId) });
    if (!ticket) throw new Error(`no ticket for ${userId}`);
    return ticket;
  };
  /** A submitted ticket and its card in the staff chat. */
  const submitted = async (c: TgChat, answers = sampleAnswers()) => {
    const summary = await fillForm(c, answers);
    const saved = await c.one(() => c.press(buttonData(summary, '✅ Submit'), summary.messageId));
    const ticket = await ticketOf(c.userId);
    const card = (await staff.waitFor(staff.inbox.length + 1)).find((m) =>
      m.message.text.includes(ticket.id),
    ) as BotMessage;
    return { summary, saved, ticket, card };
  };

  beforeAll(async () => {
    bot = await startTriageBot(log.logger, { instrument: recorder.instrument });
    ({ emulator, core, staff } = bot);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('takes a request step by step, stores it, and works it through the staff chat', async () => {
    const c = user();
    const answers = sampleAnswers();
    const [intro, first] = await c.exchange(() => c.command('/assist'), 2);
    expect(intro?.message.text).toContain('Request assistance from the experts');
    expect(first?.message.text).toContain('<b>Step 1/9</b> · What is the name of your company?');
    await c.one(() => c.say(answers.company));
    await c.one(() => c.say(answers.contactName));
    const market = await c.one(() => c.say(answers.contact));
    expect(market.message.text).toContain('Step 4/9');
    const ipPrompt = await c.one(() => c.say(answers.market));
    expect(buttons(ipPrompt.message).map((b) => b.text)).toEqual([
      'Patent',
      'Trademark',
      'Design',
      'Copyright',
      'Trade secret',
      'Domain name',
      'Other',
    ]);
    const disputePrompt = await c.one(() => c.press('tk:ipType:patent', ipPrompt.messageId));
    expect(buttons(disputePrompt.message).map((b) => b.text)).toEqual([
      'Section 337 (US ITC)',
      'US lawsuit',
      'Schedule A / asset freeze',
      'Customs detention',
      'Platform takedown',
      'Warning letter',
      'Trademark squatting',
      'Trade fair',
      'Other',
    ]);
    const deadline = await c.one(() => c.press('tk:disputeType:section-337', disputePrompt.messageId));
    expect(deadline.message.text).toContain('YYYY-MM-DD');
    await c.one(() => c.say(answers.deadline));
    const question = await c.one(() => c.say(answers.description));
    expect(question.message.text).toContain('Step 9/9');
    const summary = await c.one(() => c.say('skip'));
    expect(summary.message.text).toContain('<b>Email or phone:</b> li.wei@example.com');
    expect(summary.message.text).toContain('<b>Dispute type:</b> Section 337 (US ITC)');
    expect(summary.message.text).toContain('<b>Your question:</b> —');
    expect(buttons(summary.message).map((b) => b.text)).toEqual(['✅ Submit', '✏️ Edit', '✖️ Cancel']);
    // Nothing is stored before Submit.
    expect(await core.triage.mine({ platform: 'telegram', userId: String(c.userId) })).toEqual([]);

    const saved = await c.one(() => c.press('tk:do:submit', summary.messageId));
    const ticket = await ticketOf(c.userId);
    expect(saved.message.text).toContain(`Your assistance request ${ticket.id} is saved.`);
    expect((await core.triage.queue()).map((t) => t.id)).toContain(ticket.id);
    expect(ticket).toMatchObject({
      status: 'new',
      requester: {
        platform: 'telegram',
        userId: String(c.userId),
        conversationId: `telegram:${c.chatId}`,
        lang: 'en',
      },
      input: {
        company: 'Ningbo Lighting Co.',
        contact: 'li.wei@example.com',
        ipType: 'patent',
        disputeType: 'section-337',
        deadline: answers.deadline,
      },
    });
    expect(ticket.input.question).toBeUndefined();

    // The card in the staff chat, with contact and the staff buttons.
    const [card] = await staff.waitFor(staff.inbox.length + 1).then((all) => all.slice(-1));
    expect(card?.message.parse_mode).toBe('HTML');
    expect(card?.message.text).toContain(`🆕 <b>${ticket.id} — URGENT`);
    expect(card?.message.text).toContain('Contact: Li Wei, li.wei@example.com');
    expect(buttons(card?.message ?? {}).map((b) => b.text)).toEqual([
      '🙋 Claim',
      '❓ Ask for info',
      '🔄 Status',
      '💬 Reply',
    ]);
    expect(ticket.staffThread).toEqual({
      platform: 'telegram',
      channel: String(STAFF_CHAT_ID),
      ts: String(card?.messageId),
    });
    const cardMessage = card as BotMessage;

    // A staff reply to the card reaches the requester.
    const [relayed] = await Promise.all([
      c.waitFor(c.inbox.length + 1).then((all) => all.at(-1)),
      staff.one(() => staff.replyTo(cardMessage, 'Please send us the complaint & its exhibits.')),
    ]).then(([r, done]) => {
      expect(done.message.text).toBe(`✅ Sent to the requester of ${ticket.id}.`);
      return [r];
    });
    expect(relayed?.message.text).toBe(
      `[${ticket.id} reply from the experts] Please send us the complaint &amp; its exhibits.`,
    );

    // Claim: the requester hears it is accepted, the card shows the assignee.
    const accepted = await c.one(() =>
      staff.press(buttonData(cardMessage, '🙋 Claim'), cardMessage.messageId),
    );
    expect(accepted.message.text).toBe(`Assistance request ${ticket.id} is now accepted.`);
    await expect
      .poll(() =>
        recorder.calls
          .filter(
            (call) => call.method === 'editMessageText' && call.payload.message_id === cardMessage.messageId,
          )
          .map((call) => String(call.payload.text)),
      )
      .toContainEqual(expect.stringMatching(/accepted — (?!telegram:)\S/u));

    // Status: the card's buttons become the allowed next statuses; choosing one notifies the requester.
    await staff.press(buttonData(cardMessage, '🔄 Status'), cardMessage.messageId);
    await expect
      .poll(() => {
        const edit = recorder.calls
          .filter((call) => call.method === 'editMessageReplyMarkup')
          .map((call) => call.payload.reply_markup as BotMessage['message']['reply_markup'])
          .at(-1);
        return (edit?.inline_keyboard ?? []).flat().map((b) => b.text);
      })
      .toEqual(['→ in-progress', '→ needs-info', '→ closed', '← Back']);
    const progress = await c.one(() => staff.press(`st:t:${ticket.id}:in-progress`, cardMessage.messageId));
    expect(progress.message.text).toBe(`Assistance request ${ticket.id} is now in progress.`);
    expect((await core.triage.get(ticket.id)).status).toBe('in-progress');

    // Contact details never reach the log.
    expect(JSON.stringify(log.lines)).not.toContain('li.wei@example.com');
  });

  it('asks again with the reason on invalid input; "back" goes back and "cancel" ends it', async () => {
    const c = user();
    await c.exchange(() => c.command('/assist'), 2);
    const again = await c.one(() => c.say('X'));
    expect(again.message.text).toContain('⚠️ Give the company name (at least 2 characters).');
    expect(again.message.text).toContain('Step 1/9');
    await c.one(() => c.say('Shenzhen Audio Ltd.'));
    await c.one(() => c.say('Wang Fang'));
    const badEmail = await c.one(() => c.say('wang.fang@example'));
    expect(badEmail.message.text).toContain('⚠️ Give an email address or a phone number.');
    expect(badEmail.message.text).toContain('Step 3/9');
    const back = await c.one(() => c.say('back'));
    expect(back.message.text).toContain('<b>Step 2/9</b> · Who is the contact person?');
    await c.one(() => c.say('Wang Fang'));
    await c.one(() => c.say('+86 755 1234 5678'));
    await c.one(() => c.say('Germany'));
    // A choice can be typed too, by its key or label.
    const dispute = await c.one(() => c.say('Trademark'));
    expect(dispute.message.text).toContain('Step 6/9');
    const wrongChoice = await c.one(() => c.say('a fight'));
    expect(wrongChoice.message.text).toContain('⚠️ Choose one of the buttons below.');
    await c.one(() => c.press('tk:disputeType:trade-fair', wrongChoice.messageId));
    const noSuchDay = await c.one(() => c.say('2027-02-30'));
    expect(noSuchDay.message.text).toContain('⚠️ That date does not exist.');
    const badDate = await c.one(() => c.say('31/12/2027'));
    expect(badDate.message.text).toContain('⚠️ Give the date as YYYY-MM-DD, or “none”.');
    expect(badDate.message.text).toContain('Step 7/9');
    const cancelled = await c.one(() => c.say('cancel'));
    expect(cancelled.message.text).toBe('Request cancelled; nothing was sent.');
    expect(await core.triage.mine({ platform: 'telegram', userId: String(c.userId) })).toEqual([]);

    // The form is closed: a question is a question again, /cancel has nothing to cancel.
    const answer = await c.one(() => c.say(EN_QUESTION));
    expect(answer.message.text).toContain('20 days');
    const nothing = await c.one(() => c.command('/cancel'));
    expect(nothing.message.text).toBe('There is nothing to cancel.');
    expect(JSON.stringify(log.lines)).not.toContain('+86 755 1234 5678');
  });

  it('speaks Chinese to a Chinese user, with the reasons in Chinese; /cancel and 取消 work', async () => {
    const c = user({ lang: 'zh-hans' });
    const [intro] = await c.exchange(() => c.command('/assist'), 2);
    expect(intro?.message.text).toContain('申请专家协助');
    await c.one(() => c.say('宁波照明有限公司'));
    await c.one(() => c.say('李伟'));
    const bad = await c.one(() => c.say('不是邮箱'));
    expect(bad.message.text).toContain('⚠️ 请填写有效的邮箱地址或电话号码。');
    expect(bad.message.text).toContain('第 3/9 步');
    const cancelled = await c.one(() => c.say('取消'));
    expect(cancelled.message.text).toBe('已取消，未提交任何内容。');

    await c.exchange(() => c.command('/assist'), 2);
    const viaCommand = await c.one(() => c.command('/cancel'));
    expect(viaCommand.message.text).toBe('已取消，未提交任何内容。');
  });

  it('lets the requester edit a field from the summary, then submit', async () => {
    const c = user();
    const summary = await fillForm(c, sampleAnswers({ market: 'US' }));
    const picker = await c.one(() => c.press('tk:do:edit', summary.messageId));
    expect(buttons(picker.message).map((b) => b.text)).toContain('Market');
    const prompt = await c.one(() => c.press('tk:edit:market', picker.messageId));
    expect(prompt.message.text).toContain('Step 4/9');
    const again = await c.one(() => c.say('Vietnam'));
    expect(again.message.text).toContain('<b>Market:</b> Vietnam');
    await c.one(() => c.press('tk:do:submit', again.messageId));
    expect((await ticketOf(c.userId)).input.market).toBe('Vietnam');
  });

  it('prefills the question from the answer whose button started the form', async () => {
    const c = user();
    const question = 'We received a 337 complaint yesterday, what now?';
    const answer = await c.one(() => c.say(question));
    const assist = buttonData(answer, 'Request assistance');
    const [, first] = await c.exchange(() => c.press(assist, answer.messageId), 2);
    expect(first?.message.text).toContain('Step 1/9');
    await c.one(() => c.say('Xiamen Tools Co.'));
    await c.one(() => c.say('Chen Jie'));
    await c.one(() => c.say('chen@example.cn'));
    const ip = await c.one(() => c.say('US'));
    const dispute = await c.one(() => c.press('tk:ipType:design', ip.messageId));
    await c.one(() => c.press('tk:disputeType:section-337', dispute.messageId));
    await c.one(() => c.say('none'));
    const prefilled = await c.one(() =>
      c.say('The complaint names our cordless drills and asks for an exclusion order.'),
    );
    expect(prefilled.message.text).toContain(`The question you asked me: “${question}”`);
    expect(buttons(prefilled.message).map((b) => b.text)).toEqual(['Keep it', 'Skip']);
    const summary = await c.one(() => c.press('tk:question:keep', prefilled.messageId));
    expect(summary.message.text).toContain(`<b>Your question:</b> ${question}`);
    expect(summary.message.text).toContain('<b>Key deadline:</b> —');
  });

  it('in a group, sends the user to a private chat instead of asking for contact details there', async () => {
    const g = user({ type: 'group' });
    const reply = await g.one(() => g.command('/assist'));
    expect(reply.message.text).toContain('message me privately');
    const link = (reply.message.reply_markup?.inline_keyboard ?? []).flat()[0] as { url?: string };
    expect(link.url).toBe('https://t.me/TestNameBot?start=assist');
    const mine = await g.one(() => g.command('/mytickets'));
    expect(mine.message.text).toContain('send /mytickets to me in a private chat');

    // From an answer's button in the group, the link carries the answer, and so its question.
    const question = 'We were served with a 337 complaint, what now?';
    const mention = '@TestNameBot';
    const answer = await g.one(() =>
      g.say(`${mention} ${question}`, { entities: [{ type: 'mention', offset: 0, length: mention.length }] }),
    );
    const invite = await g.one(() => g.press(buttonData(answer, 'Request assistance'), answer.messageId));
    const url =
      ((invite.message.reply_markup?.inline_keyboard ?? []).flat()[0] as { url?: string }).url ?? '';
    const payload = /\?start=(assist_[\w-]+)$/u.exec(url)?.[1];
    expect(payload).toBeDefined();
    const dm = tgChat(emulator, { chatId: g.userId, userId: g.userId });
    const last = await fillForm(dm, sampleAnswers({ question: 'keep' }), () =>
      dm.command(`/start ${payload}`),
    );
    expect(last.message.text).toContain(`<b>Your question:</b> ${question}`);
  });

  it('answers other commands during the form and then carries on with it', async () => {
    const c = user();
    await c.exchange(() => c.command('/assist'), 2);
    await c.one(() => c.say('Hangzhou Textiles'));
    const help = await c.one(() => c.command('/help'));
    expect(help.message.text).toContain('/mytickets');
    const again = await c.one(() => c.command('/assist'));
    expect(again.message.text).toBe(
      'You are already filling in an assistance request: answer the question above, or send /cancel.',
    );
    const next = await c.one(() => c.say('Zhao Min'));
    expect(next.message.text).toContain('Step 3/9');
    const sticker = c.client.makeMessage('');
    delete (sticker as { text?: string }).text;
    const textPlease = await c.one(() =>
      c.client.sendMessage({ ...sticker, sticker: { file_id: 's', width: 1, height: 1 } } as never),
    );
    expect(textPlease.message.text).toContain('⚠️ Please answer in text.');
    expect(textPlease.message.text).toContain('Step 3/9');
    await c.one(() => c.command('/cancel'));
  });

  it('relays the requester’s answer to a needs-info message into the card’s thread', async () => {
    const c = user();
    const { ticket, card } = await submitted(c);

    // "Ask for info": a prompt the staff member answers by replying to it.
    const prompt = await staff.one(() => staff.press(buttonData(card, '❓ Ask for info'), card.messageId));
    expect(prompt.message.text).toContain(`reply to this message with what <b>${ticket.id}</b> needs`);
    expect(prompt.message.reply_markup).toMatchObject({ force_reply: true, selective: true });
    const [needsInfo] = await Promise.all([
      c.waitFor(c.inbox.length + 1).then((all) => all.at(-1) as BotMessage),
      staff.one(() => staff.replyTo(prompt, 'Which products does the complaint name?')),
    ]);
    expect(needsInfo.message.text).toBe(
      `Assistance request ${ticket.id} needs more information: Which products does the complaint name?\nReply to this message to answer.`,
    );
    expect((await core.triage.get(ticket.id)).status).toBe('needs-info');

    // The requester replies to it: it lands in the staff chat as a reply to the card.
    const [, thread] = await Promise.all([
      c.one(() => c.replyTo(needsInfo, 'LED lamps, models X1 and X2.')),
      staff.waitFor(staff.inbox.length + 1).then((all) => all.at(-1) as BotMessage),
    ]);
    expect(thread.message.text).toBe(`💬 <b>${ticket.id}</b>\nRequester: LED lamps, models X1 and X2.`);
    expect(thread.message.reply_parameters?.message_id).toBe(card.messageId);
    expect(c.inbox.at(-1)?.message.text).toBe(`✉️ Sent to the experts handling ${ticket.id}.`);

    // The information is supplied: the next plain message is a question for the assistant again,
    // not swallowed by the relay.
    expect((await core.triage.get(ticket.id)).status).toBe('in-progress');
    const staffBefore = staff.inbox.length;
    const answered = await c.one(() => c.say('How long do we have to respond to a Section 337 complaint?'));
    expect(answered.message.text).not.toContain('Sent to the experts');
    expect(staff.inbox.length).toBe(staffBefore);

    // Replying to the ticket's message still reaches its experts.
    const [ack, second] = await Promise.all([
      c.one(() => c.replyTo(needsInfo, 'Also the X3 floor lamp.')),
      staff.waitFor(staff.inbox.length + 1).then((all) => all.at(-1) as BotMessage),
    ]);
    expect(ack.message.text).toBe(`✉️ Sent to the experts handling ${ticket.id}.`);
    expect(second.message.text).toContain('Requester: Also the X3 floor lamp.');

    // Staff can answer in the thread too: a reply to the relayed message reaches the requester.
    const [answer] = await Promise.all([
      c.waitFor(c.inbox.length + 1).then((all) => all.at(-1) as BotMessage),
      staff.one(() => staff.replyTo(second, 'Thanks, that is enough for now.')),
    ]);
    expect(answer.message.text).toBe(`[${ticket.id} reply from the experts] Thanks, that is enough for now.`);
    const history = (await core.triage.get(ticket.id)).history.map((h) => h.action);
    expect(history).toEqual([
      'submitted',
      'asked for information',
      'requester replied',
      'requester replied',
      'replied',
    ]);
  });

  it('relays a reply about one of two open requests to that request, not the latest', async () => {
    const c = user();
    const first = await submitted(c);
    const second = await submitted(c, sampleAnswers({ company: 'Second Lighting Co' }));
    expect(second.ticket.id).not.toBe(first.ticket.id);
    const [ack, thread] = await Promise.all([
      c.one(() => c.replyTo(first.saved, 'One more detail about the first request.')),
      staff.waitFor(staff.inbox.length + 1).then((all) => all.at(-1) as BotMessage),
    ]);
    expect(ack.message.text).toBe(`✉️ Sent to the experts handling ${first.ticket.id}.`);
    expect(thread.message.text).toContain(first.ticket.id);
    expect(thread.message.reply_parameters?.message_id).toBe(first.card.messageId);
    const history = (await core.triage.get(second.ticket.id)).history.map((h) => h.action);
    expect(history).not.toContain('requester replied');
  });

  it('/mytickets lists only the caller’s own requests', async () => {
    const alice = user();
    const bob = user();
    const carol = user();
    const { ticket: a } = await submitted(alice, sampleAnswers({ company: 'Alice Exports' }));
    const { ticket: b } = await submitted(
      bob,
      sampleAnswers({ company: 'Bob Trading', disputeType: 'customs-detention' }),
    );
    const list = await alice.one(() => alice.command('/mytickets'));
    expect(list.message.text).toContain('<b>Your assistance requests</b>');
    expect(list.message.text).toContain(
      `<code>${a.id}</code> · received · Section 337 (US ITC) · Alice Exports · ${a.createdAt.slice(0, 10)}`,
    );
    expect(list.message.text).not.toContain(b.id);
    const bobs = await bob.one(() => bob.command('/mytickets'));
    expect(bobs.message.text).toContain(`<code>${b.id}</code> · received · Customs detention`);
    expect(bobs.message.text).not.toContain(a.id);
    const none = await carol.one(() => carol.command('/mytickets'));
    expect(none.message.text).toBe('You have no assistance requests. Send /assist to start one.');
  });

  it('tells an admin pressing a card’s button outside the staff chat where it works', async () => {
    const c = user();
    const { ticket, card } = await submitted(c);
    const adminPrivate = tgChat(emulator, { chatId: ADMIN_ID, userId: ADMIN_ID, type: 'private' });
    const before = recorder.calls.length;
    await adminPrivate.press(buttonData(card, '🙋 Claim'), card.messageId);
    await expect
      .poll(() =>
        recorder.calls
          .slice(before)
          .filter((call) => call.method === 'answerCallbackQuery')
          .map((call) => String(call.payload.text)),
      )
      .toContainEqual(expect.stringContaining('work on the card in the staff chat'));
    expect((await core.triage.get(ticket.id)).status).toBe('new');
  });

  it('refuses staff actions from people who are not admins, and logs the attempt', async () => {
    const c = user();
    const { ticket, card } = await submitted(c);
    const before = recorder.calls.length;
    await staff.press(buttonData(card, '🙋 Claim'), card.messageId, { from: { id: 77 } });
    await expect
      .poll(() =>
        recorder.calls
          .slice(before)
          .filter((call) => call.method === 'answerCallbackQuery')
          .map((call) => call.payload),
      )
      .toContainEqual(
        expect.objectContaining({
          text: 'Sorry, only the experts listed in TELEGRAM_ADMIN_IDS can act on assistance requests.',
          show_alert: true,
        }),
      );
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: 'telegram staff action refused: not an admin',
        userId: 77,
        action: 'claim',
        ticket: ticket.id,
      }),
    );
    const after = await core.triage.get(ticket.id);
    expect(after.status).toBe('new');
    expect(after.assignee).toBeUndefined();

    // A non-admin replying to the card is refused as well; nothing reaches the requester.
    const refusal = await staff.one(() => staff.replyTo(card, 'I am not staff', { from: { id: 78 } }));
    expect(refusal.message.text).toContain('only the experts listed in TELEGRAM_ADMIN_IDS');
    expect((await core.triage.get(ticket.id)).history.map((h) => h.action)).toEqual(['submitted']);
    const seen = c.inbox.length;
    await c.settle(300);
    expect(c.inbox).toHaveLength(seen);
    expect(c.inbox.some((m) => m.message.text.includes('I am not staff'))).toBe(false);
  });

  it('posts the SLA reminder as a reply to the card', async () => {
    const c = user();
    const { ticket, card } = await submitted(c, sampleAnswers({ deadline: dayFromNow(30) }));
    const notifier = telegramStaffNotifier(
      new Api(TOKEN, { apiRoot: emulator.apiRoot }),
      {
        chatId: String(STAFF_CHAT_ID),
        prompts: adapterStore(core, 'tg-staff-prompt'),
        threads: adapterStore(core, 'tg-staff-thread'),
      },
      log.logger,
      180,
    );
    const reminder = await staff.one(() => notifier.remind(ticket));
    expect(reminder.message.text).toBe(
      `⏰ <b>${ticket.id}</b> untouched past its SLA (${ticket.priority.level}, new)`,
    );
    expect(reminder.message.reply_parameters?.message_id).toBe(card.messageId);
  });
});
