import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Harness, sleep, startSlackHarness } from './harness.ts';

describe('Slack agent experience: assistant threads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });
  const waitFor = async (method: string, count = 1) => {
    for (let i = 0; i < 100 && h.api.callsTo(method).length < count; i += 1) await sleep(30);
    return h.api.callsTo(method);
  };

  it('offers suggested prompts in both languages when a user opens the assistant', async () => {
    await h.postEvent({
      type: 'assistant_thread_started',
      assistant_thread: { user_id: 'U5', context: {}, channel_id: 'D5', thread_ts: '5000.0001' },
      event_ts: '5000.0002',
    });
    const [call] = await waitFor('assistant.threads.setSuggestedPrompts');
    expect(call?.body).toMatchObject({ channel_id: 'D5', thread_ts: '5000.0001' });
    const prompts = JSON.stringify(call?.body.prompts);
    expect(prompts).toContain('Section 337');
    expect(prompts).toContain('337调查');
  });

  it('titles an assistant thread with its first question, once, and answers in the thread', async () => {
    const question = 'What is the Section 337 response deadline?';
    const base = { type: 'message', channel_type: 'im', channel: 'D6', user: 'U6', thread_ts: '6000.0001' };
    await h.postEvent({ ...base, text: question, ts: '6000.0002' });
    await h.posted('D6', '6000.0001');
    await h.postEvent({ ...base, text: 'Can it be extended?', ts: '6000.0003' });
    await h.posted(
      'D6',
      '6000.0001',
      (call) => call.body.text !== undefined && h.api.callsTo('chat.postMessage').length >= 2,
    );
    const titles = await waitFor('assistant.threads.setTitle');
    expect(titles).toHaveLength(1);
    expect(titles[0]?.body).toMatchObject({ channel_id: 'D6', thread_ts: '6000.0001', title: question });
  });

  it('has a manifest that asks for the assistant view, its scope and its event', async () => {
    const manifest = parse(await readFile(new URL('../../slack-app-manifest.yaml', import.meta.url), 'utf8'));
    expect(manifest.features.assistant_view.suggested_prompts.length).toBeGreaterThan(0);
    expect(manifest.oauth_config.scopes.bot).toContain('assistant:write');
    expect(manifest.settings.event_subscriptions.bot_events).toContain('assistant_thread_started');
  });
});
