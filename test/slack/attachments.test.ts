import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../adapters/slack/messages.ts';
import type { CompletedUpload, RecordedCall } from './fake-slack-api.ts';
import { ADMIN, type Harness, sleep, startSlackHarness } from './harness.ts';
import { applyFor, dmTo, TRIAGE, validForm } from './triage-helpers.ts';

const SETTLE_MS = 400;
const PDF = Buffer.from('%PDF-1.4\n% a Section 337 complaint\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe('Slack files and links between requesters and experts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSlackHarness({ SLACK_TRIAGE_CHANNEL: TRIAGE });
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** The card of a ticket in the triage channel (its ts is the thread staff work in). */
  const cardTsOf = async (id: string) => {
    const card = await h.api.waitFor((calls) =>
      calls.find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.body.channel === TRIAGE &&
          !c.body.thread_ts &&
          String(c.body.text).includes(id),
      ),
    );
    return String(card.response?.ts);
  };

  /** A ticket whose experts asked for information; resolves with where the question reached the DM. */
  async function needsInfo(user: string) {
    const id = await applyFor(h, user, validForm());
    const cardTs = await cardTsOf(id);
    await h.core.triage.requestInfo(id, ADMIN, 'Please send the complaint.');
    const asked = await dmTo(h, user, (text) => text.includes(`${id} needs more information`));
    return { id, cardTs, askedTs: String(asked.response?.ts) };
  }

  /** A Slack file object as a file_share event carries it, served by the fake at url_private_download. */
  const slackFile = (name: string, mimetype: string, bytes: Buffer) => ({
    id: `F-${name}`,
    name,
    title: name,
    mimetype,
    filetype: name.split('.').pop(),
    size: bytes.byteLength,
    mode: 'hosted',
    url_private: h.api.hostFile(name, bytes, mimetype),
    url_private_download: h.api.hostFile(name, bytes, mimetype),
  });

  const requesterFiles = (
    user: string,
    files: Array<Record<string, unknown>>,
    fields: { text?: string; ts: string; threadTs?: string },
  ) =>
    h.postEvent({
      type: 'message',
      subtype: 'file_share',
      channel_type: 'im',
      channel: `D${user}`,
      user,
      text: fields.text ?? '',
      ts: fields.ts,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
      files,
    });

  const uploadOf = (filename: string): Promise<CompletedUpload> =>
    h.api.waitFor(() => h.api.uploads.find((u) => u.filename === filename));

  const replyIn = (channel: string, threadTs: string | undefined, includes: string): Promise<RecordedCall> =>
    h.posted(channel, threadTs, (c) => String(c.body.text).includes(includes));

  it('passes a requester’s PDF in a needs-info DM thread into the card’s thread as an upload, caption relayed too', async () => {
    const { id, cardTs, askedTs } = await needsInfo('UF1');
    await requesterFiles('UF1', [slackFile('complaint.pdf', 'application/pdf', PDF)], {
      text: 'Here is the complaint.',
      ts: '8100.1',
      threadTs: askedTs,
    });

    const upload = await uploadOf('complaint.pdf');
    // The bytes themselves reached the card's thread, not only a mention of them.
    expect(upload).toMatchObject({ channel: TRIAGE, threadTs: cardTs });
    expect(upload.bytes.equals(PDF)).toBe(true);
    expect(upload.initialComment).toContain('Requester sent a file: complaint.pdf (PDF, 1 KB)');
    // Downloaded from url_private_download with the bot token.
    const download = h.api.callsTo('download:complaint.pdf')[0];
    expect(download?.authorization).toBe('Bearer xoxb-test-token');

    // The caption went along as a normal relay.
    await replyIn(TRIAGE, cardTs, 'Requester: Here is the complaint.');
    // The requester is told both, in the thread they wrote in.
    const told = await replyIn('DUF1', askedTs, 'complaint.pdf');
    expect(told.body.text).toContain(`Sent “complaint.pdf” to the experts handling ${id}`);
    expect(told.body.text).toContain(`Sent to the experts handling ${id}`);

    const ticket = await h.core.triage.get(id);
    expect(ticket.status).toBe('in-progress');
    expect(ticket.history.map((e) => e.action)).toContain('requester sent a file');
  });

  it('confirms a captionless file (in a ticket’s thread, or while a ticket waits), and never drops one silently', async () => {
    // Captionless, in the thread of the bot's message about the ticket.
    const first = await needsInfo('UF2');
    await requesterFiles('UF2', [slackFile('goods.png', 'image/png', PNG)], {
      ts: '8200.1',
      threadTs: first.askedTs,
    });
    const upload = await uploadOf('goods.png');
    expect(upload).toMatchObject({ channel: TRIAGE, threadTs: first.cardTs });
    expect(upload.bytes.equals(PNG)).toBe(true);
    const told = await replyIn('DUF2', first.askedTs, 'goods.png');
    expect(told.body.text).toBe(`📎 Sent “goods.png” to the experts handling ${first.id}.`);

    // Captionless and top-level, while one ticket waits for this requester's information.
    const second = await needsInfo('UF3');
    await requesterFiles('UF3', [slackFile('invoice.pdf', 'application/pdf', PDF)], { ts: '8200.2' });
    expect(await uploadOf('invoice.pdf')).toMatchObject({ channel: TRIAGE, threadTs: second.cardTs });
    await h.posted('DUF3', undefined, (c) =>
      String(c.body.text).includes(`Sent “invoice.pdf” to the experts handling ${second.id}`),
    );

    // Captionless from someone with no ticket: told so, nothing downloaded or uploaded.
    await requesterFiles('UF4', [slackFile('stray.pdf', 'application/pdf', PDF)], { ts: '8200.3' });
    const stray = await h.posted('DUF4', undefined, () => true);
    expect(stray.body.text).toContain('not about an open assistance request');
    await sleep(SETTLE_MS);
    expect(h.api.callsTo('download:stray.pdf')).toHaveLength(0);
    expect(h.api.uploads.find((u) => u.filename === 'stray.pdf')).toBeUndefined();
    // One reply: the bot does not also answer the empty message as a question.
    expect(h.postsTo('DUF4')).toHaveLength(1);
  });

  it('refuses an .exe with the reason and does not download it', async () => {
    const { askedTs } = await needsInfo('UF5');
    await requesterFiles('UF5', [slackFile('setup.exe', 'application/x-msdownload', PNG)], {
      ts: '8300.1',
      threadTs: askedTs,
    });
    const told = await replyIn('DUF5', askedTs, 'setup.exe');
    expect(told.body.text).toContain('“setup.exe”: That file type cannot be passed on.');
    expect(told.body.text).toContain(
      'Please send PDF, images (JPEG, PNG, WebP, HEIC), Word, Excel or text files.',
    );
    await sleep(SETTLE_MS);
    expect(h.api.callsTo('download:setup.exe')).toHaveLength(0);
    expect(h.api.uploads.find((u) => u.filename === 'setup.exe')).toBeUndefined();
  });

  it('sends a staff `reply:` with a file into the requester’s DM; a file without `reply:` stays a note', async () => {
    const { id, cardTs } = await needsInfo('UF6');
    const staffFiles = (text: string, ts: string, files: Array<Record<string, unknown>>) =>
      h.postEvent({
        type: 'message',
        subtype: 'file_share',
        channel_type: 'channel',
        channel: TRIAGE,
        user: ADMIN,
        text,
        ts,
        thread_ts: cardTs,
        files,
      });

    await staffFiles('reply: Our analysis is attached.', '8400.1', [
      slackFile('analysis.pdf', 'application/pdf', PDF),
    ]);
    const upload = await uploadOf('analysis.pdf');
    expect(upload).toMatchObject({ channel: 'DUF6', threadTs: undefined });
    expect(upload.bytes.equals(PDF)).toBe(true);
    expect(upload.initialComment).toContain(`[${id} file from the experts] analysis.pdf`);
    await dmTo(h, 'UF6', (text) => text.includes(`[${id} reply from the experts] Our analysis is attached.`));
    const confirmed = await h.api.waitFor((calls) =>
      calls.find(
        (c) =>
          c.method === 'chat.postEphemeral' &&
          c.body.user === ADMIN &&
          String(c.body.text).includes('analysis.pdf'),
      ),
    );
    expect(confirmed.body.text).toContain(`Sent “analysis.pdf” to the requester of ${id}.`);
    expect((await h.core.triage.get(id)).history.map((e) => e.action)).toContain('sent a file');

    // The requester answering in the file's thread reaches the experts like any reply about the ticket.
    await h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: 'DUF6',
      user: 'UF6',
      text: 'Thank you, received.',
      ts: '8400.2',
      thread_ts: upload.ts,
    });
    await replyIn(TRIAGE, cardTs, 'Requester: Thank you, received.');

    // Without `reply:` the file is an internal note: its name in the history, nothing to the requester.
    await staffFiles('', '8400.3', [slackFile('internal-memo.pdf', 'application/pdf', PDF)]);
    for (let tries = 0; ; tries += 1) {
      const note = (await h.core.triage.get(id)).history.find(
        (e) => e.action === 'internal note' && e.detail?.includes('internal-memo.pdf'),
      );
      if (note) break;
      if (tries > 100) throw new Error('the file was not kept as a note');
      await sleep(50);
    }
    await sleep(SETTLE_MS);
    expect(h.api.uploads.find((u) => u.filename === 'internal-memo.pdf')).toBeUndefined();
    expect(h.api.callsTo('download:internal-memo.pdf')).toHaveLength(0);
  });

  it('keeps a link’s address when text is relayed, both ways', async () => {
    const { id, cardTs, askedTs } = await needsInfo('UF7');
    await h.postEvent({
      type: 'message',
      channel_type: 'im',
      channel: 'DUF7',
      user: 'UF7',
      text: 'The listing is <https://shop.example.com/item/42|on this page> and <https://example.com/docket>.',
      ts: '8500.1',
      thread_ts: askedTs,
    });
    const relayed = await replyIn(TRIAGE, cardTs, 'The listing is');
    expect(relayed.body.text).toContain(
      'Requester: The listing is on this page (https://shop.example.com/item/42) and https://example.com/docket.',
    );

    await h.postEvent({
      type: 'message',
      channel_type: 'channel',
      channel: TRIAGE,
      user: ADMIN,
      text: 'reply: See <https://example.org/guide|our guide> and <https://example.org/faq|example.org/faq>.',
      ts: '8500.2',
      thread_ts: cardTs,
    });
    const sent = await dmTo(h, 'UF7', (text) => text.includes('our guide'));
    expect(sent.body.text).toContain(
      `[${id} reply from the experts] See our guide (https://example.org/guide) and https://example.org/faq.`,
    );

    // A question for the assistant still reads only the label: the address is noise to retrieval.
    expect(plainText('What is <https://www.usitc.gov|ITC>?')).toBe('What is ITC?');
    expect(plainText('Mail <mailto:li@example.com|li@example.com>', { keepLinks: true })).toBe(
      'Mail li@example.com',
    );
  });
});
