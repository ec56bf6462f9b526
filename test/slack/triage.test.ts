import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSlackStaffNotifier } from '../../adapters/slack/triage-notifiers.ts';
import { silentLogger } from '../helpers/fixture-core.ts';
import { ADMIN, blockText, buttonValue, type Harness, sleep, startSlackHarness } from './harness.ts';
import {
  applyFor,
  cardBlockId,
  cardControls,
  dmTo,
  inDays,
  submitAndConfirm,
  submitForm,
  TRIAGE,
  textOf,
  type View,
  validForm,
} from './triage-helpers.ts';

const SETTLE_MS = 400;

describe('Slack assistance requests (intake modal, triage channel, relays)', () => {
  let h: Harness;
  const logLines: string[] = [];
  beforeAll(async () => {
    h = await startSlackHarness({ SLACK_TRIAGE_CHANNEL: TRIAGE }, { logLines });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const cardPost = (id: string) =>
    h.api.waitFor((calls) =>
      calls.find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.body.channel === TRIAGE &&
          !c.body.thread_ts &&
          String(c.body.text).includes(id),
      ),
    );

  describe('intake', () => {
    it('opens the form with /iprisk assist', async () => {
      const { responseId } = await h.postCommand({ text: 'assist', user: 'U1', channel: 'C1' });
      const opened = await h.api.waitFor((calls) =>
        calls.find((c) => c.method === 'views.open' && c.body.trigger_id === `trigger-${responseId}`),
      );
      const view = opened.body.view as View & { submit: { text: string } };
      expect(view.callback_id).toBe('iprisk_ticket_form');
      expect(view.submit.text).toBe('Next');
      const blockIds = view.blocks.map((b) => b.block_id).filter(Boolean);
      expect(blockIds).toEqual([
        'company',
        'contactName',
        'contact',
        'market',
        'ipType',
        'disputeType',
        'deadline',
        'description',
        'question',
      ]);
      const json = JSON.stringify(view);
      for (const label of [
        'Section 337 (US ITC)',
        'US lawsuit',
        'Schedule A / asset freeze',
        'Customs detention',
        'Platform takedown',
        'Warning letter',
        'Trademark squatting',
        'Trade fair',
        'Other',
      ])
        expect(json).toContain(label);
      expect(json).toContain('"type":"datepicker"');
      // Not answered as a question.
      expect(h.api.calls.find((c) => c.method === `response:${responseId}`)).toBeUndefined();
    });

    it('opens the form from an answer’s “Request assistance”, prefilled with the question', async () => {
      const question = 'Our goods were detained by customs, what do we do?';
      await h.postEvent({
        type: 'message',
        channel_type: 'im',
        channel: 'D9',
        user: 'U9',
        text: question,
        ts: '9000.1',
      });
      const answerId = buttonValue(await h.posted('D9'), 'iprisk_assistance');
      expect(answerId).toBeDefined();
      const press = await h.pressButton({
        actionId: 'iprisk_assistance',
        value: answerId ?? '',
        channel: 'D9',
        user: 'U9',
      });
      const opened = await h.api.waitFor((calls) =>
        calls.find((c) => c.method === 'views.open' && c.body.trigger_id === `trigger-${press.responseId}`),
      );
      const view = opened.body.view as View;
      expect(view.callback_id).toBe('iprisk_ticket_form');
      const questionBlock = view.blocks.find((b) => b.block_id === 'question') as {
        element: { initial_value?: string };
      };
      expect(questionBlock.element.initial_value).toBe(question);
    });

    it('returns an invalid field to Slack as response_action errors, with the reason under it', async () => {
      const { response, ack } = await submitForm(
        h,
        'U1',
        validForm({ contact: 'not-an-email', description: 'short' }),
      );
      expect(response.status).toBe(200);
      expect(ack).toEqual({
        response_action: 'errors',
        errors: {
          contact: 'Give an email address or a phone number.',
          description:
            'Describe the dispute in a sentence or two (at least 10 letters or 5 Chinese characters).',
        },
      });
      const zh = await submitForm(h, 'U1', validForm({ contact: 'li.wei@' }), 'zh');
      expect(zh.ack).toEqual({
        response_action: 'errors',
        errors: { contact: '请填写有效的邮箱地址或电话号码。' },
      });
    });

    it('shows a summary to confirm; Back returns to the form with everything filled in', async () => {
      const { ack } = await submitForm(
        h,
        'U1',
        validForm({ question: 'What is the Section 337 response deadline?' }),
      );
      expect(ack?.response_action).toBe('update');
      const summary = ack?.view as View & { submit: { text: string } };
      expect(summary.callback_id).toBe('iprisk_ticket_confirm');
      expect(summary.submit.text).toBe('Submit');
      const json = JSON.stringify(summary);
      for (const shown of [
        'Ningbo Lighting Co.',
        'Li Wei',
        'li.wei@example.com',
        'Section 337 (US ITC)',
        inDays(5),
        'LED lamps',
        'response deadline',
      ])
        expect(json).toContain(shown);
      // Nothing is stored yet.
      expect(h.api.callsTo('chat.postMessage').filter((c) => c.body.channel === TRIAGE)).toHaveLength(0);

      const back = summary.blocks
        .flatMap((b) => (b.elements ?? []) as Array<{ action_id: string; value: string }>)
        .find((e) => e.action_id === 'iprisk_ticket_back');
      expect(back).toBeDefined();
      await h.blockAction({
        action: { type: 'button', action_id: 'iprisk_ticket_back', value: back?.value },
        user: 'U1',
        view: { id: 'VBACK', private_metadata: summary.private_metadata },
      });
      const updated = await h.api.waitFor((calls) =>
        calls.find((c) => c.method === 'views.update' && c.body.view_id === 'VBACK'),
      );
      const form = updated.body.view as View;
      expect(form.callback_id).toBe('iprisk_ticket_form');
      const initial = (id: string) =>
        (form.blocks.find((b) => b.block_id === id) as { element: Record<string, unknown> }).element;
      expect(initial('company').initial_value).toBe('Ningbo Lighting Co.');
      expect(initial('contact').initial_value).toBe('li.wei@example.com');
      expect(initial('disputeType').initial_option).toMatchObject({ value: 'section-337' });
      expect(initial('deadline').initial_date).toBe(inDays(5));
      expect(initial('question').initial_value).toBe('What is the Section 337 response deadline?');
    });

    it('on Submit stores the ticket, posts its card to the triage channel, then tells the requester the id', async () => {
      const { confirm, viewId } = await submitAndConfirm(h, 'U2', validForm());
      expect(confirm.ack?.response_action).toBe('update');
      expect(JSON.stringify(confirm.ack?.view)).toContain('Sending your request');

      const told = await dmTo(h, 'U2', (text) => text.includes('is saved'));
      const id = String(told.body.text).match(/IPR-\d{4}-\d{6}/u)?.[0] ?? '';
      expect(id).not.toBe('');
      const stored = await h.core.triage.get(id);
      expect(stored.requester).toEqual({
        platform: 'slack',
        userId: 'U2',
        conversationId: 'DU2',
        lang: 'en',
      });
      expect((await h.core.triage.queue()).map((t) => t.id)).toContain(id);

      const card = await cardPost(id);
      // The id only reached the requester after the ticket was stored and its card posted.
      expect(card.at).toBeLessThanOrEqual(told.at);
      expect(h.api.calls.indexOf(card)).toBeLessThan(h.api.calls.indexOf(told));
      expect(stored.staffThread).toEqual({ platform: 'slack', channel: TRIAGE, ts: card.response?.ts });
      const text = textOf(card);
      for (const shown of [
        id,
        'URGENT',
        `score ${stored.priority.score}`,
        'Deadline in 5 day',
        'New',
        'unclaimed',
        'Ningbo Lighting Co.',
        'li.wei@example.com',
        'US',
        'Patent',
        'Section 337 (US ITC)',
        inDays(5),
        'LED lamps',
      ])
        expect(text).toContain(shown);
      // The notification text (shown in notifications and channel lists) carries no contact details.
      expect(String(card.body.text)).not.toContain('li.wei@example.com');
      expect(cardControls(card)).toEqual({
        actions: [
          'iprisk_ticket_claim',
          'iprisk_ticket_ask_open',
          'iprisk_ticket_reply_open',
          'iprisk_ticket_status',
        ],
        statuses: ['accepted', 'needs-info', 'closed'],
      });
      const modal = await h.api.waitFor((calls) =>
        calls.find((c) => c.method === 'views.update' && c.body.view_id === viewId),
      );
      expect(JSON.stringify(modal.body.view)).toContain(id);
    });
  });

  describe('staff', () => {
    let id: string;
    let card: Awaited<ReturnType<typeof cardPost>>;
    const cardTs = () => String(card.response?.ts);
    const press = (actionId: string, user: string) =>
      h.blockAction({
        action: { type: 'button', action_id: actionId, value: id, block_id: cardBlockId(card) },
        user,
        channel: TRIAGE,
        messageTs: cardTs(),
      });
    const updatesOfCard = () =>
      h.api.callsTo('chat.update').filter((c) => c.body.channel === TRIAGE && c.body.ts === cardTs());

    beforeAll(async () => {
      id = await applyFor(h, 'U3', validForm({ company: 'Yiwu Toys Ltd', contact: '+86 138 0000 0000' }));
      card = await cardPost(id);
    });

    it('refuses Claim to someone not in SLACK_ADMIN_IDS', async () => {
      const { responseId } = await press('iprisk_ticket_claim', 'UOTHER');
      const refusal = await h.responded(responseId);
      expect(refusal.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(refusal.body.text).toContain('Only triage staff');
      expect((await h.core.triage.get(id)).status).toBe('new');
      expect(updatesOfCard()).toHaveLength(0);
    });

    it('Claim: accepted, assigned, card updated, requester told', async () => {
      await press('iprisk_ticket_claim', ADMIN);
      const update = await h.api.waitFor(() => updatesOfCard()[0]);
      const ticket = await h.core.triage.get(id);
      expect(ticket).toMatchObject({ status: 'accepted', assignee: ADMIN });
      expect(textOf(update)).toContain('Accepted');
      expect(textOf(update)).toContain(`<@${ADMIN}>`);
      expect(cardControls(update).statuses).toEqual(['in-progress', 'needs-info', 'closed']);
      await dmTo(h, 'U3', (text) => text.includes(`${id} is now accepted`));
    });

    it('Ask for information: a modal for the message, sent to the requester’s DM', async () => {
      const { responseId } = await press('iprisk_ticket_ask_open', ADMIN);
      const opened = await h.api.waitFor((calls) =>
        calls.find((c) => c.method === 'views.open' && c.body.trigger_id === `trigger-${responseId}`),
      );
      const view = opened.body.view as View;
      expect(view).toMatchObject({ callback_id: 'iprisk_ticket_ask', private_metadata: id });
      const { ack } = await h.submitView({
        callbackId: 'iprisk_ticket_ask',
        privateMetadata: id,
        user: ADMIN,
        values: {
          message: { value: { type: 'plain_text_input', value: 'On which date was the complaint served?' } },
        },
      });
      expect(ack).toBeUndefined();
      const asked = await dmTo(h, 'U3', (text) => text.includes('needs more information'));
      expect(asked.body.text).toContain('On which date was the complaint served?');
      expect(blockText(asked)).toContain('Reply in this message');
      expect((await h.core.triage.get(id)).status).toBe('needs-info');
      await h.posted(TRIAGE, cardTs(), (c) =>
        String(c.body.text).includes('asked the requester for information'),
      );
    });

    it('relays the requester’s answer in the DM thread into the card’s thread', async () => {
      const asked = await dmTo(h, 'U3', (text) => text.includes('needs more information'));
      const askedTs = String(asked.response?.ts);
      await h.postEvent({
        type: 'message',
        channel_type: 'im',
        channel: 'DU3',
        user: 'U3',
        text: 'It was served on 3 November. Call me on +86 138 0000 0000.',
        ts: '7000.2',
        thread_ts: askedTs,
      });
      const relayed = await h.posted(TRIAGE, cardTs(), (c) =>
        String(c.body.text).includes('served on 3 November'),
      );
      expect(relayed.body.text).toContain(
        'Requester: It was served on 3 November. Call me on +86 138 0000 0000.',
      );
      const confirmation = await h.posted('DU3', askedTs);
      expect(confirmation.body.text).toContain(`Sent to the experts handling ${id}`);
      await sleep(SETTLE_MS);
      // Passed on, not answered as a question.
      expect(h.postsTo('DU3').filter((c) => c.body.thread_ts === askedTs)).toHaveLength(1);
    });

    it('keeps what staff write in the card’s thread as internal notes; `reply:` goes to the requester', async () => {
      // A note, with an @mention, stays among staff.
      await h.postEvent({
        type: 'message',
        channel_type: 'channel',
        channel: TRIAGE,
        user: ADMIN,
        text: '<@U9> do we know this company? Internal only.',
        ts: '7100.0',
        thread_ts: cardTs(),
      });
      for (let tries = 0; ; tries += 1) {
        const note = (await h.core.triage.get(id)).history.find((e) => e.action === 'internal note');
        if (note) {
          expect(note.detail).toContain('do we know this company?');
          break;
        }
        if (tries > 100) throw new Error('the note was not kept in the ticket history');
        await sleep(50);
      }
      expect(h.postsTo('DU3').filter((c) => String(c.body.text).includes('Internal only'))).toHaveLength(0);

      await h.postEvent({
        type: 'message',
        channel_type: 'channel',
        channel: TRIAGE,
        user: ADMIN,
        text: 'reply: Thanks. We will call you tomorrow morning, see <https://example.org/guide|our guide>.',
        ts: '7100.1',
        thread_ts: cardTs(),
      });
      const relayed = await dmTo(h, 'U3', (text) => text.includes('call you tomorrow'));
      expect(relayed.body.text).toContain(
        `[${id} reply from the experts] Thanks. We will call you tomorrow morning`,
      );
      expect(relayed.body.text).not.toContain('reply:');
      await h.api.waitFor((calls) =>
        calls.find(
          (c) =>
            c.method === 'chat.postEphemeral' &&
            c.body.user === ADMIN &&
            String(c.body.text).includes('Sent to the requester'),
        ),
      );

      await h.postEvent({
        type: 'message',
        channel_type: 'channel',
        channel: TRIAGE,
        user: 'UOTHER',
        text: 'reply: I know this company.',
        ts: '7100.2',
        thread_ts: cardTs(),
      });
      await h.api.waitFor((calls) =>
        calls.find(
          (c) =>
            c.method === 'chat.postEphemeral' &&
            c.body.user === 'UOTHER' &&
            String(c.body.text).includes('Only triage staff'),
        ),
      );
      expect(
        h.postsTo('DU3').filter((c) => String(c.body.text).includes('I know this company')),
      ).toHaveLength(0);
    });

    it('Reply: a modal whose text reaches the requester', async () => {
      const { responseId } = await press('iprisk_ticket_reply_open', ADMIN);
      await h.api.waitFor((calls) =>
        calls.find((c) => c.method === 'views.open' && c.body.trigger_id === `trigger-${responseId}`),
      );
      await h.submitView({
        callbackId: 'iprisk_ticket_reply',
        privateMetadata: id,
        user: ADMIN,
        values: {
          message: { value: { type: 'plain_text_input', value: 'Please send us the complaint as PDF.' } },
        },
      });
      await dmTo(h, 'U3', (text) => text.includes('Please send us the complaint as PDF.'));
    });

    it('Change status: only the allowed next statuses, the requester is told', async () => {
      await h.blockAction({
        action: {
          type: 'static_select',
          action_id: 'iprisk_ticket_status',
          block_id: cardBlockId(card),
          selected_option: { value: 'answered', text: { type: 'plain_text', text: 'Answered' } },
        },
        user: ADMIN,
        channel: TRIAGE,
        messageTs: cardTs(),
      });
      // The requester's answer to the request for information already put it back in progress.
      await dmTo(h, 'U3', (text) => text.includes(`${id} is now answered`));
      expect((await h.core.triage.get(id)).status).toBe('answered');
      // The card was updated before the requester was told: its last version offers what may follow.
      const last = updatesOfCard().at(-1);
      if (!last) throw new Error('card not updated');
      expect(textOf(last)).toContain('*Status*\\nAnswered');
      expect(cardControls(last).statuses).toEqual(['in-progress', 'closed']);

      // A stale card offering a status no longer allowed: refused with the reason, privately.
      const stale = await h.blockAction({
        action: {
          type: 'static_select',
          action_id: 'iprisk_ticket_status',
          block_id: cardBlockId(card),
          selected_option: { value: 'accepted', text: { type: 'plain_text', text: 'Accepted' } },
        },
        user: ADMIN,
        channel: TRIAGE,
        messageTs: cardTs(),
      });
      expect((await h.responded(stale.responseId)).body.text).toContain('cannot become accepted');
    });

    it('SLA reminder: a line in the card’s thread and a short line in the channel', async () => {
      const notifier = createSlackStaffNotifier({
        client: new webApi.WebClient('xoxb-test-token', { slackApiUrl: h.api.apiUrl }),
        channel: TRIAGE,
        slaMinutes: { urgent: 60, high: 240, normal: 1440, low: 4320 },
        logger: silentLogger,
      });
      await notifier.remind(await h.core.triage.get(id));
      await h.posted(TRIAGE, cardTs(), (c) =>
        String(c.body.text).includes('Reminder: untouched for more than 60 minutes'),
      );
      await h.posted(
        TRIAGE,
        undefined,
        (c) =>
          c.body.thread_ts === undefined &&
          c.body.text === `⏰ ${id} untouched for more than 60 minutes (urgent)`,
      );
    });
  });

  it('orders the queue by priority: a 337 due in 5 days before squatting due in 60', async () => {
    const squatting = await applyFor(
      h,
      'U5',
      validForm({
        disputeType: 'trademark-squatting',
        ipType: 'trademark',
        market: 'Vietnam',
        deadline: inDays(60),
        description: 'A former distributor filed our brand in Vietnam.',
      }),
    );
    const urgent = await applyFor(h, 'U5', validForm({ deadline: inDays(5) }));
    const order = (await h.core.triage.queue()).map((t) => t.id);
    expect(order.indexOf(urgent)).toBeLessThan(order.indexOf(squatting));
    expect((await h.core.triage.get(squatting)).priority.level).toBe('low');

    // Staff see the same order with /iprisk tickets (admins only).
    const { responseId } = await h.postCommand({ text: 'tickets', user: ADMIN });
    const list = String((await h.responded(responseId)).body.text);
    expect(list.indexOf(urgent)).toBeGreaterThan(-1);
    expect(list.indexOf(urgent)).toBeLessThan(list.indexOf(squatting));
    expect(list).not.toContain('li.wei@example.com');
    const refused = await h.postCommand({ text: 'tickets', user: 'U5' });
    expect((await h.responded(refused.responseId)).body.text).toContain('Only admins');
  });

  it('relays a DM-thread reply about one of two open requests to that request, not the latest', async () => {
    const first = await applyFor(h, 'U8', validForm({ company: 'First Lamps Ltd' }));
    const second = await applyFor(h, 'U8', validForm({ company: 'Second Lamps Ltd' }));
    const saved = await dmTo(h, 'U8', (text) => text.includes(first) && text.includes('is saved'));
    const savedTs = String(saved.response?.ts);
    await h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: 'DU8',
      user: 'U8',
      text: 'The complaint for the first request arrived today.',
      ts: '7100.1',
      thread_ts: savedTs,
    });
    const firstCard = await cardPost(first);
    await h.posted(TRIAGE, String(firstCard.response?.ts), (c) =>
      String(c.body.text).includes('complaint for the first request'),
    );
    const confirmation = await h.posted('DU8', savedTs);
    expect(confirmation.body.text).toContain(`Sent to the experts handling ${first}`);
    expect((await h.core.triage.get(second)).history.map((e) => e.action)).not.toContain('requester replied');
  });

  it('/iprisk mytickets lists only the caller’s own tickets', async () => {
    const mine = await applyFor(h, 'U6', validForm({ disputeType: 'warning-letter', deadline: inDays(20) }));
    const someoneElses = await applyFor(h, 'U7', validForm());
    const { responseId } = await h.postCommand({ text: 'mytickets', user: 'U6' });
    const reply = await h.responded(responseId);
    expect(reply.body.response_type).toBe('ephemeral');
    const text = String(reply.body.text);
    expect(text).toContain(mine);
    expect(text).toContain('received');
    expect(text).toContain('Warning letter');
    expect(text).toContain(new Date().toISOString().slice(0, 10));
    expect(text).not.toContain(someoneElses);
    expect(text.match(/IPR-/gu)).toHaveLength(1);

    const none = await h.postCommand({ text: 'mytickets', user: 'UNOBODY' });
    expect((await h.responded(none.responseId)).body.text).toContain('no assistance requests');
  });

  it('keeps contact details out of the logs, Bolt’s debug lines included', () => {
    // Everything above ran at debug level: submissions, cards, DMs, relays.
    expect(logLines.length).toBeGreaterThan(10);
    const logs = logLines.join('\n');
    for (const contact of ['li.wei@example.com', '+86 138 0000 0000', 'Li Wei'])
      expect(logs).not.toContain(contact);
    expect(logs).toContain('slack triage action refused');
    expect(logs).toContain('"userId":"slack:UOTHER"');
  });
});

describe('Slack assistance requests when Redis is down', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSlackHarness({ SLACK_TRIAGE_CHANNEL: TRIAGE });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const noId = (text: string) => expect(text).not.toMatch(/IPR-\d{4}-\d{6}/u);

  it('says honestly that the request was not saved when storing the ticket fails, and shows no id', async () => {
    const redis = h.core.redis;
    if (!redis) throw new Error('expected Redis');
    const form = await submitForm(h, 'U1', validForm());
    const summary = form.ack?.view as View;
    // Redis goes away between the summary and Submit: the ticket store's first command fails.
    const incr = vi.spyOn(redis, 'incr').mockImplementation(() => {
      throw new Error('The client is closed');
    });
    try {
      const confirm = await h.submitView({
        callbackId: 'iprisk_ticket_confirm',
        privateMetadata: summary.private_metadata,
        user: 'U1',
        viewId: 'VDOWN1',
      });
      expect(confirm.ack?.response_action).toBe('update');
      const told = await dmTo(h, 'U1', (text) => text.includes('could not be saved'));
      noId(textOf(told));
      expect(told.body.text).toContain('guidance center');
      const modal = await h.api.waitFor((calls) =>
        calls.find((c) => c.method === 'views.update' && c.body.view_id === 'VDOWN1'),
      );
      expect(JSON.stringify(modal.body.view)).toContain('could not be saved');
      noId(JSON.stringify(modal.body.view));
    } finally {
      incr.mockRestore();
    }
    await sleep(SETTLE_MS);
    expect(h.postsTo(TRIAGE)).toHaveLength(0);
    expect(await h.core.triage.queue()).toEqual([]);
    for (const call of h.postsTo('DU1')) noId(textOf(call));
  });

  it('says the same when the Redis connection is gone altogether', async () => {
    const form = await submitForm(h, 'U8', validForm());
    const summary = form.ack?.view as View;
    await h.core.redis?.disconnect();
    const confirm = await h.submitView({
      callbackId: 'iprisk_ticket_confirm',
      privateMetadata: summary.private_metadata,
      user: 'U8',
      viewId: 'VDOWN2',
    });
    expect(confirm.response.status).toBe(200);
    expect(JSON.stringify(confirm.ack?.view)).toContain('could not be saved');
    const told = await dmTo(h, 'U8', (text) => text.includes('could not be saved'));
    noId(textOf(told));
    expect(h.postsTo(TRIAGE)).toHaveLength(0);

    // A form filled in while Redis is down stays open as typed, with the reason.
    const again = await submitForm(h, 'U8', validForm());
    expect(again.ack).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(again.ack)).toContain('nothing was submitted');
  });
});
