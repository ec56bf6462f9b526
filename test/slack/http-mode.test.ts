import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http/server.ts';
import { startSlack } from '../../adapters/slack/index.ts';
import {
  ADMIN,
  blockText,
  buttonValue,
  type Harness,
  SIGNING_SECRET,
  sleep,
  startSlackHarness,
} from './harness.ts';
import { signedHeaders } from './signing.ts';

const DEADLINE_EN = 'What is the Section 337 response deadline?';
const DEADLINE_ZH = '美国337调查的答辩期限是多久?';
/** Long enough for an ignored event to have been handled, had it not been ignored. */
const SETTLE_MS = 400;

describe('Slack adapter over HTTP (Bolt HTTPReceiver mounted at /slack/events)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('request verification', () => {
    const body = JSON.stringify({
      type: 'event_callback',
      event_id: 'EvUnsigned',
      event: { type: 'message' },
    });

    it('rejects unsigned requests with 401', async () => {
      const res = await fetch(`${h.base}/slack/events`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(401);
    });

    it('rejects a wrong signature and a stale timestamp with 401', async () => {
      const wrong = await h.send(body, 'application/json', signedHeaders('not-the-secret', body));
      expect(wrong.status).toBe(401);
      const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
      const stale = await h.send(
        body,
        'application/json',
        signedHeaders(SIGNING_SECRET, body, sixMinutesAgo),
      );
      expect(stale.status).toBe(401);
    });

    it('answers Slack’s url_verification challenge when signed', async () => {
      const challenge = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' });
      const res = await h.send(challenge, 'application/json');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ challenge: 'abc123' });
    });

    it('answers 405 for anything but POST', async () => {
      expect((await fetch(`${h.base}/slack/events`)).status).toBe(405);
    });
  });

  it('answers a direct message with Block Kit: answer, citations and 👍/👎', async () => {
    const { response } = await h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: 'D1',
      user: 'U1',
      text: DEADLINE_EN,
      ts: '1000.0001',
    });
    expect(response.status).toBe(200);
    const call = await h.posted('D1');
    expect(call.body.text).toContain('20 days');
    expect(call.body.thread_ts).toBeUndefined();
    const blocks = call.body.blocks as Array<{ type: string }>;
    expect(blocks.map((b) => b.type)).toEqual(['section', 'context', 'actions']);
    expect(blockText(call)).toContain('Fixture: Section 337 response — Key deadlines');
    expect(buttonValue(call, 'iprisk_vote_up')).toMatch(/^[\w-]{8,}$/u);
    expect(buttonValue(call, 'iprisk_assistance')).toBeUndefined();
  });

  it('answers a mention in its thread, in the question’s language, with citations', async () => {
    await h.postEvent({
      type: 'app_mention',
      channel: 'C2',
      user: 'U1',
      text: `<@UBOT> ${DEADLINE_ZH}`,
      ts: '2000.0001',
    });
    const call = await h.posted('C2', '2000.0001');
    expect(call.body.text).toContain('20天');
    expect(blockText(call)).toContain('测试:337调查应诉');
    expect(blockText(call)).toContain('来源');
  });

  it('continues a thread it answered in: RCEP Japan, then “And for Korea?”', async () => {
    await h.postEvent({
      type: 'app_mention',
      channel: 'C3',
      user: 'U1',
      text: '<@UBOT> When did RCEP enter into force for Japan?',
      ts: '3000.0001',
    });
    await h.posted('C3', '3000.0001');
    await h.postEvent({
      type: 'message',
      channel_type: 'channel',
      channel: 'C3',
      user: 'U2',
      text: 'And for Korea?',
      ts: '3000.0002',
      thread_ts: '3000.0001',
    });
    const follow = await h.posted('C3', '3000.0001', (call) => String(call.body.text).includes('Korea'));
    expect(follow.body.text).toContain('1 February 2022');
  });

  it('answers two direct messages sent moments apart in order, the second in the light of the first', async () => {
    const first = h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: 'D50',
      user: 'U50',
      text: 'When did RCEP enter into force for Japan?',
      ts: '5000.0001',
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: 'D50',
      user: 'U50',
      text: 'And for Korea?',
      ts: '5000.0002',
    });
    await Promise.all([first, second]);
    await h.posted('D50', undefined, (call) => String(call.body.text).includes('Korea'));
    const answers = h.postsTo('D50').map((call) => String(call.body.text));
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatch(/Japan|1 January 2022/u);
    expect(answers[1]).toContain('1 February 2022');
  });

  it('stays out of channel messages that are not in a thread it answered', async () => {
    await h.postEvent({
      type: 'message',
      channel_type: 'channel',
      channel: 'C4',
      user: 'U1',
      text: DEADLINE_EN,
      ts: '4000.0001',
    });
    await h.postEvent({
      type: 'message',
      channel_type: 'channel',
      channel: 'C4',
      user: 'U1',
      text: DEADLINE_EN,
      ts: '4000.0003',
      thread_ts: '4000.0002',
    });
    await sleep(SETTLE_MS);
    expect(h.postsTo('C4')).toHaveLength(0);
  });

  it('answers a redelivered event (same event_id, X-Slack-Retry-Num) once', async () => {
    const event = {
      type: 'message',
      channel_type: 'im',
      channel: 'D5',
      user: 'U1',
      text: DEADLINE_EN,
      ts: '5000.1',
    };
    const first = await h.postEvent(event, { eventId: 'EvRetried' });
    const retry = await h.postEvent(event, { eventId: 'EvRetried', retryNum: 1 });
    expect([first.response.status, retry.response.status]).toEqual([200, 200]);
    await h.posted('D5');
    await sleep(SETTLE_MS);
    expect(h.postsTo('D5')).toHaveLength(1);
  });

  it('ignores bots, itself, edits and deletions', async () => {
    const base = { type: 'message', channel_type: 'im', channel: 'D6', text: DEADLINE_EN };
    await h.postEvent({ ...base, subtype: 'bot_message', bot_id: 'BOTHER', ts: '6000.1' });
    await h.postEvent({ ...base, user: 'UBOT', bot_id: 'BBOT', ts: '6000.2' });
    await h.postEvent({ ...base, user: 'U9', bot_id: 'BOTHER', ts: '6000.3' });
    await h.postEvent({
      ...base,
      subtype: 'message_changed',
      ts: '6000.4',
      message: { type: 'message', user: 'U1', text: DEADLINE_EN, ts: '6000.1' },
    });
    await h.postEvent({ ...base, subtype: 'message_deleted', ts: '6000.5', deleted_ts: '6000.1' });
    await h.postEvent({
      type: 'app_mention',
      channel: 'C6',
      user: 'U9',
      bot_id: 'BOTHER',
      text: `<@UBOT> ${DEADLINE_EN}`,
      ts: '6000.6',
    });
    await sleep(SETTLE_MS);
    expect(h.postsTo('D6')).toHaveLength(0);
    expect(h.postsTo('C6')).toHaveLength(0);
  });

  describe('/iprisk', () => {
    it('answers privately with a share button; sharing posts the answer to the channel', async () => {
      const { response, responseId } = await h.postCommand({ text: DEADLINE_EN, channel: 'C7', user: 'U1' });
      expect(response.status).toBe(200);
      const reply = await h.responded(responseId);
      expect(reply.body.response_type).toBe('ephemeral');
      expect(reply.body.text).toContain('20 days');
      const answerId = buttonValue(reply, 'iprisk_share');
      expect(answerId).toBeDefined();
      expect(h.postsTo('C7')).toHaveLength(0);

      const share = await h.pressButton({ actionId: 'iprisk_share', value: answerId ?? '', channel: 'C7' });
      expect(share.response.status).toBe(200);
      const shared = await h.posted('C7');
      expect(shared.body.text).toContain('20 days');
      expect(blockText(shared)).toContain('Shared by <@U1>');
      expect(buttonValue(shared, 'iprisk_share')).toBeUndefined();
      expect(buttonValue(shared, 'iprisk_vote_up')).toBe(answerId);
      const cleanup = await h.responded(share.responseId);
      expect(cleanup.body).toMatchObject({ delete_original: true });
    });

    it('refuses reload and stats to non-admins, and runs them for admins', async () => {
      const refused = await h.postCommand({ text: 'reload', user: 'U1' });
      const refusal = await h.responded(refused.responseId);
      expect(refusal.body).toMatchObject({ response_type: 'ephemeral' });
      expect(refusal.body.text).toContain('Only admins');
      const refusedStats = await h.postCommand({ text: 'stats', user: 'U1' });
      expect((await h.responded(refusedStats.responseId)).body.text).toContain('Only admins');

      const accepted = await h.postCommand({ text: 'reload', user: ADMIN });
      const report = await h.responded(accepted.responseId);
      expect(report.body.response_type).toBe('ephemeral');
      expect(report.body.text).toContain(`Knowledge reloaded: version ${h.core.service.indexVersion()}`);
      expect(report.body.text).toMatch(/added \d+, changed \d+, removed \d+, rejected 0/u);

      const stats = await h.postCommand({ text: 'stats', user: ADMIN });
      expect((await h.responded(stats.responseId)).body.text).toContain('6 documents, 12 chunks');
    });

    it('tells the admin why a reload failed, and keeps serving', async () => {
      const before = h.core.service.indexVersion();
      await h.core.redis?.set('iprisk:lock:reload', 'another-instance', { PX: 60_000 });
      try {
        const attempt = await h.postCommand({ text: 'reload', user: ADMIN });
        const answer = await h.responded(attempt.responseId);
        expect(answer.body.text).toContain('Reload failed: Another reload is running');
        expect(answer.body.text).toContain('The previous version keeps serving.');
        expect(h.core.service.indexVersion()).toBe(before);
      } finally {
        await h.core.redis?.del('iprisk:lock:reload');
      }
    });

    it('explains itself when called without a question', async () => {
      const { responseId } = await h.postCommand({ text: '' });
      expect((await h.responded(responseId)).body.text).toContain('/iprisk &lt;question&gt;');
    });
  });

  it('stores 👍 through the service, once per person and answer; a changed vote replaces it', async () => {
    await h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: 'D8',
      user: 'U1',
      text: DEADLINE_EN,
      ts: '8000.1',
    });
    const answerId = buttonValue(await h.posted('D8'), 'iprisk_vote_up') ?? '';
    const before = (await h.core.service.stats()).feedback.up;

    const vote = await h.pressButton({ actionId: 'iprisk_vote_up', value: answerId, channel: 'D8' });
    expect((await h.responded(vote.responseId)).body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Thanks for your feedback!',
    });
    expect((await h.core.service.stats()).feedback.up).toBe(before + 1);

    const again = await h.pressButton({ actionId: 'iprisk_vote_up', value: answerId, channel: 'D8' });
    expect((await h.responded(again.responseId)).body.text).toContain('already gave this answer that rating');
    expect((await h.core.service.stats()).feedback.up).toBe(before + 1);

    const downBefore = (await h.core.service.stats()).feedback.down;
    const changed = await h.pressButton({ actionId: 'iprisk_vote_down', value: answerId, channel: 'D8' });
    expect((await h.responded(changed.responseId)).body.text).toBe('Your rating is changed. Thanks!');
    expect((await h.core.service.stats()).feedback).toEqual({ up: before, down: downBefore + 1 });

    const unknown = await h.pressButton({ actionId: 'iprisk_vote_down', value: 'no-such-id', channel: 'D8' });
    expect((await h.responded(unknown.responseId)).body.text).toContain('too old');
  });

  it('offers “Request assistance” for an active dispute and opens the modal', async () => {
    await h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: 'D9',
      user: 'U1',
      text: 'Our goods were detained by customs, what do we do?',
      ts: '9000.1',
    });
    const answerId = buttonValue(await h.posted('D9'), 'iprisk_assistance');
    expect(answerId).toBeDefined();
    const press = await h.pressButton({
      actionId: 'iprisk_assistance',
      value: answerId ?? '',
      channel: 'D9',
    });
    const opened = await h.api.waitFor((calls) =>
      calls.find((c) => c.method === 'views.open' && c.body.trigger_id === `trigger-${press.responseId}`),
    );
    expect(opened.body.view).toMatchObject({ type: 'modal', title: { text: 'Request assistance' } });
    expect(JSON.stringify(opened.body.view)).toContain('overseas IP dispute guidance center');
  });

  it('waits out a rate limit and still answers', async () => {
    h.api.replyOnce('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { ok: false, error: 'ratelimited' },
    });
    await h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: 'D10',
      user: 'U1',
      text: DEADLINE_EN,
      ts: '10000.1',
    });
    await h.api.waitFor((calls) => calls.filter((c) => c.body.channel === 'D10').length >= 2 || undefined);
    await sleep(100);
    expect(h.postsTo('D10')).toHaveLength(2);
    expect(h.api.callsTo('chat.postEphemeral').filter((c) => c.body.channel === 'D10')).toHaveLength(0);
  });

  it('reports a failure once: counted, logged, and the user told briefly', async () => {
    const errors = () => h.core.metrics.render().match(/iprisk_errors_total\{platform="slack"\} (\d+)/u)?.[1];
    const before = Number(errors() ?? 0);
    h.api.replyOnce('chat.postMessage', { body: { ok: false, error: 'msg_too_long' } });
    await h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: 'D11',
      user: 'U1',
      text: DEADLINE_EN,
      ts: '11000.1',
    });
    const told = await h.api.waitFor((calls) =>
      calls.find((c) => c.method === 'chat.postEphemeral' && c.body.channel === 'D11'),
    );
    expect(told.body).toMatchObject({ user: 'U1', text: expect.stringContaining('something went wrong') });
    expect(Number(errors())).toBe(before + 1);
  });

  it('fails the start with CONFIG_INVALID when Slack rejects the bot token', async () => {
    h.api.replyOnce('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    await expect(startSlack(h.core, createHttpServer(h.core))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('invalid_auth'),
    });
  });
});
