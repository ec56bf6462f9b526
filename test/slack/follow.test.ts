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
});
