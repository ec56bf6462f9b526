import { describe, expect, it } from 'vitest';
import { plainText, readUserMessage } from '../../adapters/slack/messages.ts';

describe('Slack message reading', () => {
  it('turns Slack markup into the plain question', () => {
    expect(plainText('<@UBOT> What is the <https://www.usitc.gov|ITC> deadline &amp; fee?')).toBe(
      'What is the ITC deadline & fee?',
    );
    expect(plainText('<!here> see <#C123|legal> and <https://example.com/a> a &lt; b &gt; c')).toBe(
      'see #legal and https://example.com/a a < b > c',
    );
    expect(plainText('<@UBOT>')).toBe('');
  });

  it('reads a person’s new message and nothing else', () => {
    const base = { type: 'message', channel: 'C1', user: 'U1', text: 'hi', ts: '1.1' };
    expect(readUserMessage({ ...base, channel_type: 'channel', thread_ts: '1.0' })).toEqual({
      channel: 'C1',
      channelType: 'channel',
      user: 'U1',
      text: 'hi',
      ts: '1.1',
      threadTs: '1.0',
    });
    expect(readUserMessage({ ...base, subtype: 'thread_broadcast' })).toBeDefined();
    for (const subtype of ['bot_message', 'message_changed', 'message_deleted', 'channel_join'])
      expect(readUserMessage({ ...base, subtype })).toBeUndefined();
    expect(readUserMessage({ ...base, bot_id: 'B1' })).toBeUndefined();
    expect(readUserMessage({ ...base, user: undefined })).toBeUndefined();
    expect(readUserMessage(null)).toBeUndefined();
  });
});
