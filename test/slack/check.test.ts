import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { shippedKnowledge } from '../helpers/fixture-core.ts';
import { type Harness, startSlackHarness } from './harness.ts';

describe('Slack: /iprisk check, the pre-export risk check', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSlackHarness({ KNOWLEDGE_DIR: shippedKnowledge });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const values = (over: Record<string, Record<string, unknown>> = {}) => ({
    markets: { value: { type: 'plain_text_input', value: 'US, Germany' } },
    ip_types: { value: { type: 'checkboxes', selected_options: [{ value: 'trademark' }] } },
    channels: { value: { type: 'checkboxes', selected_options: [{ value: 'amazon' }] } },
    registered: { value: { type: 'plain_text_input', value: 'only in China' } },
    selling: { value: { type: 'radio_buttons', selected_option: { value: 'yes' } } },
    patent_search: { value: { type: 'radio_buttons', selected_option: { value: 'no' } } },
    ...over,
  });

  it('opens the form, and a submitted form brings the cited checklist to the user’s DM', async () => {
    await h.postCommand({ text: 'check', user: 'UCHK' });
    await eventually(() => h.api.callsTo('views.open').length > 0, 'the form');
    const opened = JSON.stringify(h.api.callsTo('views.open')[0]?.body.view);
    expect(opened).toContain('iprisk_check');
    expect(opened).toContain('Markets you will sell in');

    const { ack } = await h.submitView({
      callbackId: 'iprisk_check',
      privateMetadata: 'en',
      user: 'UCHK',
      values: values(),
    });
    expect(ack).toBeUndefined();
    const dm = () => h.api.callsTo('chat.postMessage').find((c) => c.body.channel === 'UCHK');
    await eventually(() => dm() !== undefined, 'the checklist');
    const text = String(dm()?.body.text);
    expect(text).toContain('Register your brand as a trademark in United States');
    expect(text).toContain('the whole EU');
    expect(text).toContain('freedom-to-operate search');
    expect(text).toContain('/iprisk assist');
    const items = text.split('\n').filter((line) => /^\d+\. /u.test(line)).length;
    expect(text.split('\n').filter((line) => line.trim().startsWith('Source: '))).toHaveLength(items);
  });

  it('refuses a form with an unknown market or no answer, naming the field', async () => {
    const { ack } = await h.submitView({
      callbackId: 'iprisk_check',
      privateMetadata: 'zh',
      user: 'UCHK2',
      values: values({ markets: { value: { type: 'plain_text_input', value: 'Narnia' } }, selling: {} }),
    });
    expect(ack).toMatchObject({ response_action: 'errors' });
    const errors = (ack as { errors: Record<string, string> }).errors;
    expect(errors.markets).toContain('Narnia');
    expect(errors.selling).toBeDefined();
  });
});
