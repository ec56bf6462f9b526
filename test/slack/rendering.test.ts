import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from './fake-slack-api.ts';
import { blockText, buttonValue, type Harness, startSlackHarness } from './harness.ts';
import { dmTo, submitAndConfirm, TRIAGE, textOf, validForm } from './triage-helpers.ts';

const DEADLINE_EN = 'What is the Section 337 response deadline?';
const CITATION = 'Fixture: Section 337 response — Key deadlines';

/** Anything that would notify a channel or a person in Slack, whether in mrkdwn or the notification text. */
const BROADCAST = /<!(?:channel|here|everyone)|(?<![\w.@])@(?:here|channel|everyone)\b/iu;

const count = (text: string, part: string) => text.split(part).length - 1;

type Block = { type: string; text?: { text: string }; elements?: Array<{ action_id?: string }> };
const blocksOf = (call: RecordedCall) => (call.body.blocks ?? []) as Block[];
const hasActions = (call: RecordedCall) => blocksOf(call).some((b) => b.type === 'actions');

describe('What Slack users see: escaping, sources, greetings', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSlackHarness({ SLACK_TRIAGE_CHANNEL: TRIAGE });
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('requester-supplied text is escaped (#5)', () => {
    const hostile = validForm({
      company: '<!channel> Acme & Sons <@U123> @here',
      contactName: '@everyone Li <b>',
      market: '<!here> US',
      description: 'We were served with a Section 337 complaint. <!channel> look @channel & reply',
      question: 'Is this <@U123> urgent? @here',
    });
    let ticketId = '';
    let card: RecordedCall;

    beforeAll(async () => {
      const before = h.api.calls.length;
      await submitAndConfirm(h, 'U5', hostile);
      const saved = await dmTo(h, 'U5', (text) => /IPR-\d{4}-\d{6} is saved/u.test(text), before);
      ticketId = String(saved.body.text).match(/IPR-\d{4}-\d{6}/u)?.[0] ?? '';
      card = await h.api.waitFor((calls) =>
        calls.find(
          (c) =>
            c.method === 'chat.postMessage' &&
            c.body.channel === TRIAGE &&
            !c.body.thread_ts &&
            String(c.body.text).includes(ticketId),
        ),
      );
    });

    it('the staff card pings nobody: notification text and blocks show the fields literally', () => {
      const seen = textOf(card);
      expect(seen).not.toMatch(BROADCAST);
      expect(seen).not.toContain('<@U123>');
      expect(seen).not.toContain('<b>');
      // The notification text names market and company, escaped like the blocks.
      expect(card.body.text).toContain(
        '&lt;!here&gt; US · &lt;!channel&gt; Acme &amp; Sons &lt;@U123&gt; @\u200Dhere',
      );
      const blocks = blockText(card);
      expect(blocks).toContain('&lt;!channel&gt; Acme &amp; Sons &lt;@U123&gt; @\u200Dhere');
      expect(blocks).toContain('@\u200Deveryone Li &lt;b&gt;');
      expect(blocks).toContain('&lt;!here&gt; US');
      expect(blocks).toContain('&lt;!channel&gt; look @\u200Dchannel &amp; reply');
      expect(blocks).toContain('Is this &lt;@U123&gt; urgent? @\u200Dhere');
    });

    it('the requester’s reply relayed into the card’s thread pings nobody', async () => {
      const saved = await dmTo(h, 'U5', (text) => text.includes(`${ticketId} is saved`));
      const savedTs = String(saved.response?.ts);
      // As Slack delivers literally typed `<!channel> … & @here`, with a real mention of someone.
      await h.postEvent({
        type: 'message',
        channel_type: 'im',
        channel: 'DU5',
        user: 'U5',
        text: '&lt;!channel&gt; served on 3 November &amp; @here see <@U123>',
        ts: '8100.1',
        thread_ts: savedTs,
      });
      const relayed = await h.posted(TRIAGE, String(card.response?.ts), (c) =>
        String(c.body.text).includes('served on 3 November'),
      );
      expect(textOf(relayed)).not.toMatch(BROADCAST);
      expect(relayed.body.text).toContain(
        'Requester: &lt;!channel&gt; served on 3 November &amp; @\u200Dhere',
      );
      expect(blockText(relayed)).toContain('&lt;!channel&gt; served on 3 November &amp; @\u200Dhere');
    });
  });

  describe('sources once, and a shared answer shows its question (#7)', () => {
    it('a direct answer lists its sources once, in the sources block', async () => {
      await h.postEvent({
        type: 'message',
        channel_type: 'im',
        channel: 'D71',
        user: 'U71',
        text: DEADLINE_EN,
        ts: '7100.1',
      });
      const answer = await h.posted('D71');
      expect(answer.body.text).toContain('20 days');
      expect(answer.body.text).not.toContain('Sources');
      expect(count(textOf(answer), CITATION)).toBe(1);
      expect(count(textOf(answer), 'Sources')).toBe(1);
      const sources = blocksOf(answer).filter((b) => JSON.stringify(b).includes(CITATION));
      expect(sources.map((b) => b.type)).toEqual(['context']);
      // The disclaimer that followed the sources line stays.
      expect(answer.body.text).toContain('not legal advice');
    });

    it('a shared answer shows the question first, escaped, and its sources once', async () => {
      const question = 'What is the Section 337 response deadline &amp; @here?';
      const { responseId } = await h.postCommand({ text: question, channel: 'C72', user: 'U72' });
      const reply = await h.responded(responseId);
      expect(count(textOf(reply), 'Sources')).toBe(1);
      const answerId = buttonValue(reply, 'iprisk_share') ?? '';
      await h.pressButton({ actionId: 'iprisk_share', value: answerId, channel: 'C72', user: 'U72' });
      const shared = await h.posted('C72');
      const first = blocksOf(shared)[0];
      expect(first?.type).toBe('section');
      expect(first?.text?.text).toBe(
        '*Question:* What is the Section 337 response deadline &amp; @\u200Dhere?',
      );
      expect(shared.body.text).toMatch(/^\*Question:\* What is the Section 337 response deadline/u);
      expect(shared.body.text).toContain('20 days');
      expect(textOf(shared)).not.toMatch(BROADCAST);
      expect(count(textOf(shared), CITATION)).toBe(1);
      expect(count(textOf(shared), 'Sources')).toBe(1);
      expect(blockText(shared)).toContain('Shared by <@U72>');
    });
  });

  describe('greetings and help requests get the help text, without vote buttons (#11)', () => {
    const words = ['hi', 'hello', 'help', '你好', '帮助', 'Hello!', '你好！'];

    it.each(words)('a direct message “%s”', async (word) => {
      const channel = `D11${words.indexOf(word)}`;
      await h.postEvent({
        type: 'message',
        channel_type: 'im',
        channel,
        user: 'U11',
        text: word,
        ts: `1100.${words.indexOf(word) + 1}`,
      });
      const reply = await h.posted(channel);
      expect(reply.body.text).toContain('/iprisk &lt;question&gt;');
      expect(reply.body.text).toContain('/iprisk assist');
      expect(reply.body.text).not.toContain('verified guidance');
      expect(hasActions(reply)).toBe(false);
      expect(buttonValue(reply, 'iprisk_vote_up')).toBeUndefined();
    });

    it('a mention that only says “help”, answered in its thread', async () => {
      await h.postEvent({
        type: 'app_mention',
        channel: 'C11',
        user: 'U11',
        text: '<@UBOT> help',
        ts: '1101.1',
      });
      const reply = await h.posted('C11', '1101.1');
      expect(reply.body.text).toContain('/iprisk assist');
      expect(hasActions(reply)).toBe(false);
    });

    it('`/iprisk 你好` shows the same help text privately', async () => {
      const { responseId } = await h.postCommand({ text: '你好', user: 'U11' });
      const reply = await h.responded(responseId);
      expect(reply.body.response_type).toBe('ephemeral');
      expect(reply.body.text).toContain('/iprisk assist');
      expect(hasActions(reply)).toBe(false);
    });
  });
});
