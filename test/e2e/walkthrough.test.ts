import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/triage/ticket.ts';
import type { startCore } from '../helpers/fixture-core.ts';
import { ADMIN, blockText, buttonValue, type Harness, sleep, startSlackHarness } from '../slack/harness.ts';
import {
  applyFor,
  cardBlockId,
  dmTo,
  inDays,
  submitForm,
  TRIAGE,
  validForm,
} from '../slack/triage-helpers.ts';
import type { BotMessage, Emulator } from '../telegram/emulator.ts';
import {
  ADMIN_ID,
  buttons,
  capturingLogger,
  EN_QUESTION,
  recordCalls,
  ZH_QUESTION,
} from '../telegram/harness.ts';
import {
  buttonData,
  dayFromNow,
  fillForm,
  sampleAnswers,
  startTriageBot,
  type TgChat,
  type TriageBot,
  tgChat,
} from '../telegram/triage-harness.ts';

const pdfBytes = new TextEncoder().encode('%PDF-1.7\n% walkthrough exhibit\n%%EOF\n');

describe('Walkthrough — Telegram (emulator + Redis)', () => {
  let bot: TriageBot;
  let emulator: Emulator;
  let core: Awaited<ReturnType<typeof startCore>>;
  let staff: TgChat;
  const log = capturingLogger();
  const recorder = recordCalls();
  let ids = 5100;
  const user = (options: { lang?: string } = {}) => {
    const id = ++ids;
    return tgChat(emulator, { chatId: id, userId: id, ...options });
  };
  const ticketsOf = (userId: number): Promise<Ticket[]> =>
    core.triage.mine({ platform: 'telegram', userId: String(userId) });
  const lastOf = (c: TgChat) => c.waitFor(c.inbox.length + 1).then((all) => all.at(-1) as BotMessage);
  const callbackAnswers = (from: number) =>
    recorder.calls
      .slice(from)
      .filter((call) => call.method === 'answerCallbackQuery')
      .map((call) => String(call.payload.text ?? ''));
  const submitted = async (c: TgChat, answers = sampleAnswers()) => {
    const before = (await ticketsOf(c.userId)).map((t) => t.id);
    const summary = await fillForm(c, answers);
    const saved = await c.one(() => c.press('tk:do:submit', summary.messageId));
    const ticket = (await ticketsOf(c.userId)).find((t) => !before.includes(t.id)) as Ticket;
    const card = (await staff.waitFor(staff.inbox.length + 1)).find((m) =>
      m.message.text.includes(ticket.id),
    ) as BotMessage;
    return { summary, saved, ticket, card };
  };
  const askInfo = async (c: TgChat, card: BotMessage, question: string) => {
    const prompt = await staff.one(() => staff.press(buttonData(card, '❓ Ask for info'), card.messageId));
    const [needsInfo] = await Promise.all([lastOf(c), staff.one(() => staff.replyTo(prompt, question))]);
    return needsInfo;
  };

  beforeAll(async () => {
    bot = await startTriageBot(log.logger, { instrument: recorder.instrument });
    ({ emulator, core, staff } = bot);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('greets in English and Chinese with help, no vote buttons', async () => {
    const en = user({ lang: 'en' });
    const hi = await en.one(() => en.say('hi'));
    expect(hi.message.text).toContain('/assist');
    expect(buttons(hi.message)).toHaveLength(0);
    const zh = user({ lang: 'zh-hans' });
    const nihao = await zh.one(() => zh.say('你好'));
    expect(nihao.message.text).toContain('/assist');
    expect(nihao.message.text).toMatch(/[\u4e00-\u9fff]/u);
    expect(buttons(nihao.message)).toHaveLength(0);
  });

  it('answers an English question; 👍 then 👎; Sources', async () => {
    const c = user({ lang: 'en' });
    const answer = await c.one(() => c.say(EN_QUESTION));
    expect(answer.message.text).toContain('20 days');
    // A general question: no assistance offered.
    expect(buttons(answer.message).map((b) => b.text)).toEqual(['👍', '👎', 'Sources']);
    let before = recorder.calls.length;
    await c.press(buttonData(answer, '👍'), answer.messageId);
    await expect.poll(() => callbackAnswers(before)).toContain('Thanks for your feedback!');
    before = recorder.calls.length;
    await c.press(buttonData(answer, '👎'), answer.messageId);
    await expect.poll(() => callbackAnswers(before)).toContain('Your rating is changed. Thanks!');
    const sources = await c.one(() => c.press(buttonData(answer, 'Sources'), answer.messageId));
    expect(sources.message.text).toContain('Section 337');
    // A follow-up question is answered too.
    const followUp = await c.one(() => c.say('And what if we miss that deadline?'));
    expect(followUp.message.text.length).toBeGreaterThan(20);
    // A dispute story offers the experts.
    const story = await c.one(() =>
      c.say('We received a 337 complaint yesterday about our LED lamps, what now?'),
    );
    expect(buttons(story.message).map((b) => b.text)).toContain('Request assistance');
  });

  it('answers a Chinese question in Chinese; 👍 then 👎; 来源', async () => {
    const c = user({ lang: 'zh-hans' });
    const answer = await c.one(() => c.say(ZH_QUESTION));
    expect(answer.message.text).toMatch(/[\u4e00-\u9fff]/u);
    expect(buttons(answer.message).map((b) => b.text)).toEqual(['👍', '👎', '来源']);
    let before = recorder.calls.length;
    await c.press(buttonData(answer, '👍'), answer.messageId);
    await expect.poll(() => callbackAnswers(before)).toContain('感谢您的反馈！');
    before = recorder.calls.length;
    await c.press(buttonData(answer, '👎'), answer.messageId);
    await expect.poll(() => callbackAnswers(before)).toContain('已更改您的评价，谢谢！');
    const sources = await c.one(() => c.press(buttonData(answer, '来源'), answer.messageId));
    expect(sources.message.text).toContain('来源');
    const story = await c.one(() =>
      c.say('我们是宁波的灯具出口商，昨天收到美国ITC的337调查通知，说我们的LED灯侵犯专利，我们该怎么办？'),
    );
    expect(story.message.text).toMatch(/[\u4e00-\u9fff]/u);
    const general = await c.one(() => c.say('什么是商标抢注？'));
    expect(general.message.text).toMatch(/[\u4e00-\u9fff]/u);
  });

  it('form: full-width contact is read as ASCII, a past deadline is refused, back and edit work (zh)', async () => {
    const c = user({ lang: 'zh-hans' });
    const [intro, first] = await c.exchange(() => c.command('/assist'), 2);
    expect(intro?.message.text).toContain('申请专家协助');
    expect(first?.message.text).toContain('1/9');
    await c.one(() => c.say('宁波照明有限公司'));
    await c.one(() => c.say('李伟'));
    const market = await c.one(() => c.say('ｌｉ．ｗｅｉ＠ｅｘａｍｐｌｅ．ｃｏｍ'));
    expect(market.message.text).toContain('4/9');
    const back = await c.one(() => c.say('返回'));
    expect(back.message.text).toContain('3/9');
    const phone = await c.one(() => c.say('＋８６ １３８ ０００１ ２３４５'));
    expect(phone.message.text).toContain('4/9');
    const ip = await c.one(() => c.say('美国'));
    const dispute = await c.one(() => c.press('tk:ipType:patent', ip.messageId));
    const deadline = await c.one(() => c.press('tk:disputeType:section-337', dispute.messageId));
    expect(deadline.message.text).toContain('7/9');
    const past = await c.one(() => c.say(dayFromNow(-3)));
    expect(past.message.text).toContain('⚠️');
    expect(past.message.text).toContain('7/9');
    const fwDate = await c.one(() =>
      c.say(dayFromNow(10).replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d)))),
    );
    expect(fwDate.message.text).toContain('8/9');
    const shortDesc = await c.one(() => c.say('被告了'));
    expect(shortDesc.message.text).toContain('⚠️');
    await c.one(() => c.say('美国ITC对我们的LED灯发起337调查。'));
    const summary = await c.one(() => c.say('跳过'));
    expect(summary.message.text).toContain('+86 138 0001 2345');
    expect(summary.message.text).toContain(dayFromNow(10));
    const picker = await c.one(() => c.press(buttonData(summary, '✏️ 修改'), summary.messageId));
    const companyPrompt = await c.one(() => c.press('tk:edit:company', picker.messageId));
    const again = await c.one(() => c.say('宁波照明股份有限公司'));
    expect(again.message.text).toContain('宁波照明股份有限公司');
    expect(companyPrompt.message.text).toContain('1/9');
    const saved = await c.one(() => c.press(buttonData(again, '✅ 提交'), again.messageId));
    const [ticket] = await ticketsOf(c.userId);
    expect(ticket?.input.contact).toBe('+86 138 0001 2345');
    expect(saved.message.text).toContain(ticket?.id ?? 'none');
  });

  it('form: a full-width email is read as ASCII (en)', async () => {
    const c = user({ lang: 'en' });
    const summary = await fillForm(c, sampleAnswers({ contact: 'li.wei＠example.com' }));
    expect(summary.message.text).toContain('li.wei@example.com');
    const cancelled = await c.one(() => c.press(buttonData(summary, '✖️ Cancel'), summary.messageId));
    expect(cancelled.message.text).toBe('Request cancelled; nothing was sent.');
    expect(await ticketsOf(c.userId)).toEqual([]);
  });

  it('staff flow: claim, ask for info, text then PDF answer, a normal question, replies, file, answered, closed', async () => {
    const c = user({ lang: 'en' });
    const { ticket, card } = await submitted(c);
    const accepted = await c.one(() => staff.press(buttonData(card, '🙋 Claim'), card.messageId));
    expect(accepted.message.text).toBe(`Assistance request ${ticket.id} is now accepted.`);

    const needsInfo = await askInfo(c, card, 'Which products does the complaint name?');
    // Text answer as a reply.
    const [ack, relayedText] = await Promise.all([
      c.one(() => c.replyTo(needsInfo, 'LED lamps X1 and X2.')),
      lastOf(staff),
    ]);
    expect(ack.message.text).toBe(`✉️ Sent to the experts handling ${ticket.id}.`);
    expect(relayedText.message.text).toContain('Requester: LED lamps X1 and X2.');
    // Then a PDF as a reply to the same request.
    const filesBefore = staff.files().length;
    const fileAck = await c.one(() =>
      c.sendDocument(
        { bytes: pdfBytes, name: 'complaint.pdf', mimeType: 'application/pdf' },
        { replyTo: needsInfo },
      ),
    );
    expect(fileAck.message.text).toContain(ticket.id);
    const relayedFile = (await staff.waitForFiles(filesBefore + 1)).at(-1);
    expect(relayedFile?.name).toBe('complaint.pdf');

    // A normal question now is answered, not relayed.
    const staffBefore = staff.inbox.length;
    const answered = await c.one(() => c.say(EN_QUESTION));
    expect(answered.message.text).toContain('20 days');
    await staff.settle(300);
    expect(staff.inbox.length).toBe(staffBefore);

    // Staff reply to the card: reaches the requester.
    const [reply, done] = await Promise.all([
      lastOf(c),
      staff.one(() => staff.replyTo(card, 'We will file the response on Monday.')),
    ]);
    expect(done.message.text).toBe(`✅ Sent to the requester of ${ticket.id}.`);
    expect(reply.message.text).toBe(
      `[${ticket.id} reply from the experts] We will file the response on Monday.`,
    );
    // A staff file as a reply to the card.
    const fileDone = await staff.one(() =>
      staff.sendDocument(
        { bytes: pdfBytes, name: 'draft.pdf', mimeType: 'application/pdf' },
        { replyTo: card, caption: 'Draft response' },
      ),
    );
    expect(fileDone.message.text).toBe(`✅ Sent to the requester of ${ticket.id}.`);
    const [received] = await c.waitForFiles(1);
    expect(received?.name).toBe('draft.pdf');

    // Status: in progress → answered → closed; the requester is told each time.
    await staff.press(buttonData(card, '🔄 Status'), card.messageId);
    expect((await core.triage.get(ticket.id)).status).toBe('in-progress');
    const answeredMsg = await c.one(() => staff.press(`st:t:${ticket.id}:answered`, card.messageId));
    expect(answeredMsg.message.text).toContain('answered');
    const closedMsg = await c.one(() => staff.press(`st:t:${ticket.id}:closed`, card.messageId));
    expect(closedMsg.message.text).toContain('closed');
    expect((await core.triage.get(ticket.id)).status).toBe('closed');

    const mine = await c.one(() => c.command('/mytickets'));
    expect(mine.message.text).toContain(ticket.id);
    expect(mine.message.text).toContain('closed');

    // Replying to the expert's message after closing: the requester is told, staff are not pinged silently.
    const staffCount = staff.inbox.length;
    const afterClose = await c.one(() => c.replyTo(reply, 'One more thing about the lamps.'));
    await staff.settle(300);
    expect(staff.inbox.length).toBe(staffCount);
    expect(afterClose.message.text).not.toContain('I don’t have verified guidance');
    expect(afterClose.message.text).toMatch(/closed/iu);
  });

  it('two requests waiting for information (zh): a plain message asks which one; a reply to the older goes there', async () => {
    const c = user({ lang: 'zh-hans' });
    const older = await submitted(c, sampleAnswers({ company: '宁波照明有限公司' }));
    const newer = await submitted(c, sampleAnswers({ company: '义乌玩具有限公司' }));
    const claimed = await c.one(() => staff.press(buttonData(older.card, '🙋 Claim'), older.card.messageId));
    expect(claimed.message.text).toMatch(/[\u4e00-\u9fff]/u);
    const askOld = await askInfo(c, older.card, '请提供起诉书。');
    const askNew = await askInfo(c, newer.card, '请提供产品图片。');
    expect(askNew.message.text).toContain(newer.ticket.id);
    expect(askOld.message.text).toMatch(/[\u4e00-\u9fff]{4}/u);
    const which = await c.one(() => c.say('这是补充材料说明。'));
    expect(which.message.text).toContain(older.ticket.id);
    expect(which.message.text).toContain(newer.ticket.id);
    const [ack, thread] = await Promise.all([
      c.one(() => c.replyTo(askOld, '起诉书将于明天发送。')),
      lastOf(staff),
    ]);
    expect(ack.message.text).toContain(older.ticket.id);
    expect(thread.message.reply_parameters?.message_id).toBe(older.card.messageId);
    expect((await core.triage.get(newer.ticket.id)).status).toBe('needs-info');
    // The newer one still waits: a plain message now goes to it (the only one waiting).
    const [ack2] = await Promise.all([c.one(() => c.say('产品图片见附件。')), lastOf(staff)]);
    expect(ack2.message.text).toContain(newer.ticket.id);
    const mine = await c.one(() => c.command('/mytickets'));
    expect(mine.message.text).toContain(older.ticket.id);
    expect(mine.message.text).toContain(newer.ticket.id);
  });

  it('an admin pressing card buttons in a private chat is told where they work; a non-admin is refused', async () => {
    const c = user();
    const { ticket, card } = await submitted(c);
    const adminPrivate = tgChat(emulator, { chatId: ADMIN_ID, userId: ADMIN_ID, type: 'private' });
    for (const label of ['🙋 Claim', '❓ Ask for info', '🔄 Status', '💬 Reply']) {
      const before = recorder.calls.length;
      await adminPrivate.press(buttonData(card, label), card.messageId);
      await expect.poll(() => callbackAnswers(before).join('|')).toContain('staff chat');
    }
    expect((await core.triage.get(ticket.id)).status).toBe('new');
    for (const label of ['🙋 Claim', '❓ Ask for info', '🔄 Status', '💬 Reply']) {
      const before = recorder.calls.length;
      await staff.press(buttonData(card, label), card.messageId, { from: { id: 99 } });
      await expect.poll(() => callbackAnswers(before).join('|')).toContain('only the experts');
    }
    const before = recorder.calls.length;
    await staff.press(`st:t:${ticket.id}:closed`, card.messageId, { from: { id: 99 } });
    await expect.poll(() => callbackAnswers(before).join('|')).toContain('only the experts');
    expect((await core.triage.get(ticket.id)).status).toBe('new');
  });
});

describe('Walkthrough — Slack (signed requests to Bolt, fake Web API)', () => {
  let h: Harness;
  let tsN = 0;
  const ts = () => `9${String(++tsN).padStart(3, '0')}.1`;
  beforeAll(async () => {
    h = await startSlackHarness({ SLACK_TRIAGE_CHANNEL: TRIAGE });
  });
  afterAll(async () => {
    await h?.stop();
  });
  const dm = (user: string, text: string, threadTs?: string) =>
    h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: `D${user}`,
      user,
      text,
      ts: ts(),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
  const staffSays = (cardTs: string, text: string, user = ADMIN, files?: Array<Record<string, unknown>>) =>
    h.postEvent({
      type: 'message',
      ...(files ? { subtype: 'file_share', files } : {}),
      channel_type: 'channel',
      channel: TRIAGE,
      user,
      text,
      ts: ts(),
      thread_ts: cardTs,
    });
  const cardOf = (id: string) =>
    h.api.waitFor((calls) =>
      calls.find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.body.channel === TRIAGE &&
          !c.body.thread_ts &&
          String(c.body.text).includes(id),
      ),
    );
  const ephemeralTo = (user: string, includes: string, from = 0) =>
    h.api.waitFor((calls) =>
      calls
        .slice(from)
        .find(
          (c) =>
            c.method === 'chat.postEphemeral' &&
            c.body.user === user &&
            String(c.body.text).includes(includes),
        ),
    );
  const slackFile = (name: string, mimetype: string, bytes: Uint8Array) => ({
    id: `F-${name}-${tsN}`,
    name,
    title: name,
    mimetype,
    filetype: name.split('.').pop(),
    size: bytes.byteLength,
    mode: 'hosted',
    url_private: h.api.hostFile(name, Buffer.from(bytes), mimetype),
    url_private_download: h.api.hostFile(name, Buffer.from(bytes), mimetype),
  });
  const pressCard = (
    id: string,
    card: Awaited<ReturnType<typeof cardOf>>,
    actionId: string,
    user: string,
    channel = TRIAGE,
  ) =>
    h.blockAction({
      action: { type: 'button', action_id: actionId, value: id, block_id: cardBlockId(card) },
      user,
      channel,
      messageTs: String(card.response?.ts),
    });
  const setStatus = (
    card: Awaited<ReturnType<typeof cardOf>>,
    status: string,
    user = ADMIN,
    channel = TRIAGE,
  ) =>
    h.blockAction({
      action: {
        type: 'static_select',
        action_id: 'iprisk_ticket_status',
        block_id: cardBlockId(card),
        selected_option: { value: status, text: { type: 'plain_text', text: status } },
      },
      user,
      channel,
      messageTs: String(card.response?.ts),
    });
  const askInfo = async (id: string, question: string) => {
    await h.submitView({
      callbackId: 'iprisk_ticket_ask',
      privateMetadata: id,
      user: ADMIN,
      values: { message: { value: { type: 'plain_text_input', value: question } } },
    });
  };

  it('greets in English and Chinese without vote buttons', async () => {
    await dm('UG1', 'hello');
    const en = await h.posted('DUG1');
    expect(en.body.text).toContain('/iprisk assist');
    await dm('UG2', '你好');
    const zh = await h.posted('DUG2');
    expect(zh.body.text).toMatch(/[\u4e00-\u9fff]/u);
    expect(buttonValue(zh, 'iprisk_vote_up')).toBeUndefined();
  });

  it('answers in a DM (en): 👍 then 👎, sources shown, a follow-up answered', async () => {
    await dm('UQ1', 'What is the Section 337 response deadline?');
    const answer = await h.posted('DUQ1');
    expect(answer.body.text).toContain('20 days');
    expect(blockText(answer)).toContain('Sources');
    const id = buttonValue(answer, 'iprisk_vote_up') ?? '';
    const up = await h.pressButton({ actionId: 'iprisk_vote_up', value: id, channel: 'DUQ1', user: 'UQ1' });
    expect((await h.responded(up.responseId)).body.text).toBe('Thanks for your feedback!');
    const down = await h.pressButton({
      actionId: 'iprisk_vote_down',
      value: id,
      channel: 'DUQ1',
      user: 'UQ1',
    });
    expect((await h.responded(down.responseId)).body.text).toBe('Your rating is changed. Thanks!');
    const before = h.postsTo('DUQ1').length;
    await dm('UQ1', 'And what if we miss it?');
    await h.api.waitFor(() => h.postsTo('DUQ1')[before]);
  });

  it('answers in Chinese (zh): 👍 then 👎 in Chinese, Share posts it with the question', async () => {
    const { responseId } = await h.postCommand({
      text: '美国337调查的答辩期限是多久?',
      user: 'UQ2',
      channel: 'C55',
    });
    const reply = await h.responded(responseId);
    expect(String(reply.body.text)).toMatch(/20\s*天/u);
    const id = buttonValue(reply, 'iprisk_vote_up') ?? '';
    const up = await h.pressButton({ actionId: 'iprisk_vote_up', value: id, channel: 'C55', user: 'UQ2' });
    expect((await h.responded(up.responseId)).body.text).toBe('感谢您的反馈！');
    const down = await h.pressButton({
      actionId: 'iprisk_vote_down',
      value: id,
      channel: 'C55',
      user: 'UQ2',
    });
    expect((await h.responded(down.responseId)).body.text).toBe('已更改您的评价，谢谢！');
    const shareId = buttonValue(reply, 'iprisk_share') ?? '';
    expect(shareId).not.toBe('');
    await h.pressButton({ actionId: 'iprisk_share', value: shareId, channel: 'C55', user: 'UQ2' });
    const shared = await h.posted('C55');
    expect(String(shared.body.text)).toContain('337');
    expect(blockText(shared)).toMatch(/[\u4e00-\u9fff]/u);
    expect(blockText(shared)).not.toContain('Shared by');
  });

  it('form: full-width contact is read as ASCII; a past deadline is refused with the reason (en and zh)', async () => {
    const fw = await submitForm(h, 'UF1', validForm({ contact: 'li.wei＠example.com' }));
    expect(fw.ack?.response_action).toBe('update');
    expect(JSON.stringify(fw.ack?.view)).toContain('li.wei@example.com');
    const phone = await submitForm(h, 'UF1', validForm({ contact: '＋８６ １３８ ０００１ ２３４５' }), 'zh');
    expect(phone.ack?.response_action).toBe('update');
    const past = await submitForm(h, 'UF1', validForm({ deadline: inDays(-2) }));
    expect(past.ack?.response_action).toBe('errors');
    expect(JSON.stringify(past.ack)).toContain('deadline');
    const pastZh = await submitForm(h, 'UF1', validForm({ deadline: inDays(-2) }), 'zh');
    expect(JSON.stringify(pastZh.ack)).toMatch(/[\u4e00-\u9fff]/u);
  });

  it('staff flow: claim, ask, text then PDF, a normal question, note vs reply:, file, answered, closed, after close', async () => {
    const id = await applyFor(h, 'US1', validForm());
    const card = await cardOf(id);
    const cardTs = String(card.response?.ts);
    await pressCard(id, card, 'iprisk_ticket_claim', ADMIN);
    await dmTo(h, 'US1', (t) => t.includes(`${id} is now accepted`));
    await askInfo(id, 'Which products does the complaint name?');
    const asked = await dmTo(h, 'US1', (t) => t.includes('needs more information'));
    const askedTs = String(asked.response?.ts);
    await dm('US1', 'LED lamps X1 and X2.', askedTs);
    await h.posted(TRIAGE, cardTs, (c) => String(c.body.text).includes('Requester: LED lamps X1 and X2.'));
    // Then a PDF in the same thread.
    await h.postEvent({
      type: 'message',
      subtype: 'file_share',
      channel_type: 'im',
      channel: 'DUS1',
      user: 'US1',
      text: '',
      ts: ts(),
      thread_ts: askedTs,
      files: [slackFile('complaint.pdf', 'application/pdf', pdfBytes)],
    });
    const upload = await h.api.waitFor(() => h.api.uploads.find((u) => u.filename === 'complaint.pdf'));
    expect(upload).toMatchObject({ channel: TRIAGE, threadTs: cardTs });
    // A normal question in the DM (not in a thread) is answered, not relayed.
    const relaysBefore = h.postsTo(TRIAGE).length;
    const dmBefore = h.postsTo('DUS1').length;
    await dm('US1', 'What is the Section 337 response deadline?');
    const answer = await h.api.waitFor(() =>
      h
        .postsTo('DUS1')
        .slice(dmBefore)
        .find((c) => String(c.body.text).includes('20 days')),
    );
    expect(answer.body.thread_ts).toBeUndefined();
    await sleep(300);
    expect(h.postsTo(TRIAGE).length).toBe(relaysBefore);

    // Internal note stays; reply: goes out.
    await staffSays(cardTs, 'Colleagues: check the patent family first.');
    await sleep(300);
    expect(h.postsTo('DUS1').filter((c) => String(c.body.text).includes('patent family'))).toHaveLength(0);
    const eph = h.api.calls.length;
    await staffSays(cardTs, '回复：我们会在周一提交答辩。');
    await dmTo(h, 'US1', (t) => t.includes('我们会在周一提交答辩'));
    await ephemeralTo(ADMIN, 'Sent to the requester', eph);
    // A file with reply:.
    await staffSays(cardTs, 'reply: Draft attached.', ADMIN, [
      slackFile('draft.pdf', 'application/pdf', pdfBytes),
    ]);
    const out = await h.api.waitFor(() => h.api.uploads.find((u) => u.filename === 'draft.pdf'));
    expect(out.channel).toBe('DUS1');

    // Answered, then closed.
    await setStatus(card, 'answered');
    await dmTo(h, 'US1', (t) => t.includes(`${id} is now answered`));
    await setStatus(card, 'closed');
    await dmTo(h, 'US1', (t) => t.includes(`${id} is now closed`));
    expect((await h.core.triage.get(id)).status).toBe('closed');
    const { responseId } = await h.postCommand({ text: 'mytickets', user: 'US1' });
    const mine = String((await h.responded(responseId)).body.text);
    expect(mine).toContain(id);
    expect(mine).toContain('closed');

    // A reply in the thread after closing: told it is closed.
    const before = h.postsTo('DUS1').length;
    await dm('US1', 'One more thing about the lamps.', askedTs);
    await h.api.waitFor(() => h.postsTo('DUS1')[before]);
    await sleep(300);
    const after = h
      .postsTo('DUS1')
      .slice(before)
      .map((c) => String(c.body.text));
    expect(after.join(' ')).toMatch(/closed/iu);
  });

  const twoWaiting = async (user: string) => {
    const older = await applyFor(h, user, validForm({ company: 'First Lamps Ltd' }));
    const newer = await applyFor(h, user, validForm({ company: 'Second Lamps Ltd' }));
    await askInfo(older, 'Please send the complaint.');
    const askedOld = await dmTo(h, user, (t) => t.includes(`${older} needs more information`));
    await askInfo(newer, 'Please send product photos.');
    await dmTo(h, user, (t) => t.includes(`${newer} needs more information`));
    expect((await h.core.triage.get(older)).status).toBe('needs-info');
    expect((await h.core.triage.get(newer)).status).toBe('needs-info');
    return { older, newer, askedOld };
  };

  it('two requests waiting: a reply in the older one’s thread goes to the older one', async () => {
    const { older, newer, askedOld } = await twoWaiting('US4');
    await dm('US4', 'The complaint arrives tomorrow.', String(askedOld.response?.ts));
    const oldCard = await cardOf(older);
    await h.posted(TRIAGE, String(oldCard.response?.ts), (c) =>
      String(c.body.text).includes('arrives tomorrow'),
    );
    expect((await h.core.triage.get(newer)).status).toBe('needs-info');
    expect((await h.core.triage.get(older)).status).toBe('in-progress');
  });

  // Found by the walk-through: a plain DM was answered as a question instead of asking which request.
  it('two requests waiting: a plain DM (not in a thread) asks which request it is for', async () => {
    const { older, newer } = await twoWaiting('US2');
    const before = h.postsTo('DUS2').length;
    await dm('US2', 'Here is some more information.');
    const which = await h.api.waitFor(() => h.postsTo('DUS2')[before]);
    expect(String(which.body.text)).toContain(older);
    expect(String(which.body.text)).toContain(newer);
  });

  // Found by the walk-through: the date picker's error said to type "none", which a picker cannot take.
  it('a past deadline error in the Slack form does not ask to type “none” into a date picker', async () => {
    const past = await submitForm(h, 'UF2', validForm({ deadline: inDays(-2) }));
    const pastZh = await submitForm(h, 'UF2', validForm({ deadline: inDays(-2) }), 'zh');
    expect(JSON.stringify(past.ack)).not.toMatch(/\bnone\b/u);
    expect(JSON.stringify(pastZh.ack)).not.toContain('无');
  });

  // Found by the walk-through: an admin's Claim in a DM changed the ticket silently.
  it('an admin pressing a card button in a DM is told where it works, and nothing changes', async () => {
    const id = await applyFor(h, 'US3', validForm());
    const card = await cardOf(id);
    const inDm = await pressCard(id, card, 'iprisk_ticket_claim', ADMIN, `D${ADMIN}`);
    await sleep(300);
    expect((await h.core.triage.get(id)).status).toBe('new');
    const told = await h.responded(inDm.responseId);
    expect(String(told.body.text)).toMatch(/triage/iu);
  });

  it('non-admins are refused every staff action on the card', async () => {
    const id = await applyFor(h, 'US5', validForm());
    const card = await cardOf(id);
    for (const action of ['iprisk_ticket_claim', 'iprisk_ticket_ask_open', 'iprisk_ticket_reply_open']) {
      const { responseId } = await pressCard(id, card, action, 'UNOT');
      const refusal = await h.responded(responseId);
      expect(refusal.body.text).toContain('Only triage staff');
    }
    const st = await setStatus(card, 'closed', 'UNOT');
    expect((await h.responded(st.responseId)).body.text).toContain('Only triage staff');
    expect((await h.core.triage.get(id)).status).toBe('new');
    await h.submitView({
      callbackId: 'iprisk_ticket_reply',
      privateMetadata: id,
      user: 'UNOT',
      values: { message: { value: { type: 'plain_text_input', value: 'forged reply' } } },
    });
    await sleep(300);
    expect(h.postsTo('DUS5').filter((c) => String(c.body.text).includes('forged reply'))).toHaveLength(0);
    expect((await h.core.triage.get(id)).history.map((e) => e.action)).toEqual(['submitted']);
  });
});
