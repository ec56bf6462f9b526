import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startSlackHarness } from './harness.ts';

describe('Slack: /iprisk follow, profile and forget', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });
  const say = async (text: string, user = 'U7') => {
    const { responseId } = await h.postCommand({ text, user });
    const call = await h.responded(responseId);
    return String(call.body.text ?? JSON.stringify(call.body.blocks));
  };

  it('follows VN and US, shows them, and forget deletes the profile from Redis', async () => {
    const followed = await say('follow VN US');
    expect(followed).toContain('Viet');
    expect(followed).toContain('(US)');
    expect(await h.core.redis?.sIsMember('iprisk:followers:market:US', 'slack:U7')).toBeTruthy();
    expect(await say('profile')).toContain('You follow');
    expect(await say('关注 德国')).toContain('德国 (DE)');
    expect(await say('forget')).toContain('deleted');
    expect(await h.core.redis?.exists('iprisk:follow:slack:U7')).toBe(0);
    expect(await say('profile')).toContain('/iprisk follow VN US');
  });

  it('shows the App Home with the common markets; a button follows and the Home shows it', async () => {
    await h.postEvent({
      type: 'app_home_opened',
      user: 'U8',
      channel: 'D8',
      tab: 'home',
      event_ts: '8000.1',
    });
    const published = () => h.api.callsTo('views.publish').filter((c) => c.body.user_id === 'U8');
    for (let i = 0; i < 50 && published().length < 1; i += 1) await new Promise((r) => setTimeout(r, 20));
    const first = JSON.stringify(published()[0]?.body.view);
    expect(first).toContain('Markets you follow');
    expect(first).toContain('iprisk_follow_toggle_VN');
    await h.blockAction({
      user: 'U8',
      action: { type: 'button', action_id: 'iprisk_follow_toggle_VN', value: 'VN' },
    });
    for (let i = 0; i < 50 && published().length < 2; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.stringify(published()[1]?.body.view)).toContain('✓ Vietnam');
    expect(await h.core.redis?.sIsMember('iprisk:followers:market:VN', 'slack:U8')).toBeTruthy();
  });
});
