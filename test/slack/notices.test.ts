import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changingKnowledge } from '../helpers/changing-knowledge.ts';
import { eventually } from '../helpers/eventually.ts';
import { type Harness, sleep, startSlackHarness } from './harness.ts';

describe('Slack: change notices after a reload', () => {
  let h: Harness;
  let knowledge: Awaited<ReturnType<typeof changingKnowledge>>;
  beforeAll(async () => {
    knowledge = await changingKnowledge();
    h = await startSlackHarness({
      KNOWLEDGE_DIR: knowledge.dir,
      NOTICE_POLL_MS: '200',
      NOTICE_RATE_SLACK: '20',
    });
    h.core.noticeSender.start();
  });
  afterAll(async () => {
    await h?.stop();
    await knowledge?.remove();
  });
  const command = async (text: string, user: string) =>
    h.responded((await h.postCommand({ text, user })).responseId);
  const noticesTo = (user: string) =>
    h.api
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === user && String(c.body.text).includes('Rule change'));

  it('posts one notice to the Vietnam follower’s DM, with its buttons, and none to the US-only follower', async () => {
    await command('follow VN', 'UVN');
    await command('follow US', 'UUS');
    await knowledge.change();
    const report = await h.core.service.reload({ userId: 'test', isAdmin: true });
    expect(report.notices).toEqual({ notices: 1, queued: 1 });
    await eventually(() => noticesTo('UVN').length > 0, 'the notice');
    const [notice] = noticesTo('UVN');
    expect(String(notice?.body.text)).toContain('Opposition period cut from 5 to 3 months');
    const blocks = JSON.stringify(notice?.body.blocks);
    expect(blocks).toContain('iprisk_notice_ask');
    expect(blocks).toContain('iprisk_notice_stop');

    await h.core.reloader.rollback();
    await sleep(500);
    expect(noticesTo('UVN')).toHaveLength(1);
    expect(noticesTo('UUS')).toHaveLength(0);
  });

  it('“Stop notices” deletes what the user followed and says so', async () => {
    await h.blockAction({
      user: 'UVN',
      channel: 'UVN',
      action: { type: 'button', action_id: 'iprisk_notice_stop', value: 'en' },
    });
    await eventually(
      async () => (await h.core.redis?.exists('iprisk:follow:slack:UVN')) === 0,
      'the profile deleted',
    );
    const said = () =>
      h.api.callsTo('chat.postMessage').some((c) => String(c.body.text).includes('no more notices'));
    await eventually(said, 'the opt-out confirmation');
  });

  it('lists warnings with /iprisk warnings', async () => {
    await h.core.notices.sendWarning({
      segments: ['lighting'],
      en: 'Lighting listings face takedowns',
      zh: '照明类商品频遭下架',
    });
    // Someone who follows nothing sees every warning; a US-only follower not this lighting one.
    expect(String((await command('warnings', 'UNEW')).body.text)).toContain(
      'Lighting listings face takedowns',
    );
    expect(String((await command('warnings', 'UUS')).body.text)).toContain('no risk warnings');
  });
});
