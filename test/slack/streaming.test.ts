import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeOpenAi } from '../helpers/fake-openai.ts';
import { type Harness, sleep, startSlackHarness } from './harness.ts';

// No card answers it in the fixture knowledge, so the model writes the answer.
const PASSAGE_QUESTION = 'By when does the ITC set the target date after institution?';

describe('Slack: a model-written answer streamed with chat.startStream / appendStream / stopStream', () => {
  const openai = fakeOpenAi();
  let h: Harness;
  beforeAll(async () => {
    const baseUrl = await openai.start();
    h = await startSlackHarness({
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: baseUrl,
      CHAT_MODEL: 'test-model',
      LLM_TIMEOUT_MS: '1500',
      LLM_MAX_RETRIES: '0',
    });
  });
  afterAll(async () => {
    await h?.stop();
    await openai.stop();
  });

  const waitFor = async (method: string, count = 1) => {
    for (let i = 0; i < 100 && h.api.callsTo(method).length < count; i += 1) await sleep(50);
    return h.api.callsTo(method);
  };

  it('streams verified sentences in a DM, then replaces the stream with the answer, its sources and buttons', async () => {
    openai.script({
      pieces: [
        'The response is due ',
        '20 days after service [1]. ',
        'An extension of 90 days is common [1]. ',
        'Act at once [1].',
      ],
    });
    await h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: 'D9',
      user: 'U9',
      text: PASSAGE_QUESTION,
      ts: '9000.0001',
    });
    const [update] = await waitFor('chat.update');
    const [start] = h.api.callsTo('chat.startStream');
    expect(start?.body).toMatchObject({ channel: 'D9', thread_ts: '9000.0001', recipient_user_id: 'U9' });
    expect(String(start?.body.markdown_text)).toContain('20 days after service');
    const streamed = [start, ...h.api.callsTo('chat.appendStream')]
      .map((c) => String(c?.body.markdown_text))
      .join('');
    expect(streamed).not.toContain('90');
    expect(h.api.callsTo('chat.stopStream')[0]?.body.ts).toBe(update?.body.ts);
    expect(String(update?.body.text)).toContain('20 days after service');
    expect(String(update?.body.text)).not.toContain('90 days');
    expect(JSON.stringify(update?.body.blocks)).toContain('iprisk_vote_up');
  });

  it('ends with the full answer when the model stream stops midway', async () => {
    const before = h.api.callsTo('chat.update').length;
    openai.script({ pieces: ['The response is due 20 days after service [1]. ', 'The ITC '], hang: true });
    await h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: 'D10',
      user: 'U10',
      text: PASSAGE_QUESTION,
      ts: '9100.0001',
    });
    const updates = await waitFor('chat.update', before + 1);
    const final = updates.at(-1);
    expect(String(final?.body.text)).toContain('target date within 45 days');
    expect(String(final?.body.text)).not.toContain('[1]');
  });
});
