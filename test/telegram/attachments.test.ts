import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requesterMessages } from '../../src/copy/requests.ts';
import type { Ticket } from '../../src/triage/ticket.ts';
import type { startCore } from '../helpers/fixture-core.ts';
import type { BotMessage, Emulator } from './emulator.ts';
import { ADMIN_ID, capturingLogger, TOKEN } from './harness.ts';
import {
  buttonData,
  fillForm,
  sampleAnswers,
  startTriageBot,
  type TgChat,
  type TriageBot,
  tgChat,
} from './triage-harness.ts';

/** Bytes that start like a PDF, so a mix-up with another file shows. */
const pdfBytes = new TextEncoder().encode('%PDF-1.7\n% the complaint, 12 pages\n%%EOF\n');

describe('Telegram files between requesters and the staff chat (emulator + Redis)', () => {
  let bot: TriageBot;
  let emulator: Emulator;
  let core: Awaited<ReturnType<typeof startCore>>;
  let staff: TgChat;
  const log = capturingLogger();
  let ids = 700;
  const user = () => {
    const id = ++ids;
    return tgChat(emulator, { chatId: id, userId: id });
  };
  const ticketOf = async (userId: number): Promise<Ticket> => {
    const [ticket] = await core.triage.mine({ platform: 'telegram', userId: String(userId) });
    if (!ticket) throw new Error(`no ticket for ${userId}`);
    return ticket;
  };
  /** A submitted ticket and its card in the staff chat. */
  const submitted = async (c: TgChat) => {
    const summary = await fillForm(c, sampleAnswers());
    const saved = await c.one(() => c.press(buttonData(summary, '✅ Submit'), summary.messageId));
    const ticket = await ticketOf(c.userId);
    const card = (await staff.waitFor(staff.inbox.length + 1)).find((m) =>
      m.message.text.includes(ticket.id),
    ) as BotMessage;
    return { saved, ticket, card };
  };
  /** A ticket whose experts asked for information, and the requester's copy of the request. */
  const askedForInfo = async (c: TgChat) => {
    const { ticket, card } = await submitted(c);
    const prompt = await staff.one(() => staff.press(buttonData(card, '❓ Ask for info'), card.messageId));
    const [needsInfo] = await Promise.all([
      c.waitFor(c.inbox.length + 1).then((all) => all.at(-1) as BotMessage),
      staff.one(() => staff.replyTo(prompt, 'Please send the complaint PDF.')),
    ]);
    expect((await core.triage.get(ticket.id)).status).toBe('needs-info');
    return { ticket, card, needsInfo };
  };

  beforeAll(async () => {
    bot = await startTriageBot(log.logger);
    ({ emulator, core, staff } = bot);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('passes the PDF a requester answers "Ask for info" with to the staff chat, under the card', async () => {
    const c = user();
    const { ticket, card, needsInfo } = await askedForInfo(c);

    const ack = await c.one(() =>
      c.sendDocument(
        { bytes: pdfBytes, name: 'complaint.pdf', mimeType: 'application/pdf' },
        { replyTo: needsInfo, caption: 'The complaint & exhibit A' },
      ),
    );
    expect(ack.message.text).toBe(`📎 Sent “complaint.pdf” to the experts handling ${ticket.id}.`);

    const [document] = await staff.waitForFiles(1);
    expect(document).toMatchObject({
      method: 'sendDocument',
      name: 'complaint.pdf',
      parseMode: 'HTML',
      replyTo: card.messageId,
      caption: `💬 <b>${ticket.id}</b>\nRequester sent a file: complaint.pdf (PDF, 1 KB)\nThe complaint &amp; exhibit A`,
    });
    // The bytes the requester uploaded, downloaded through getFile and the file URL.
    expect(Buffer.from(document?.bytes ?? []).equals(Buffer.from(pdfBytes))).toBe(true);

    const after = await core.triage.get(ticket.id);
    expect(after.history.at(-1)).toMatchObject({
      action: 'requester sent a file',
      detail: 'complaint.pdf (PDF, 1 KB)',
    });
    // The information is supplied: the ticket is back in the experts' hands.
    expect(after.status).toBe('in-progress');
    // The token in the file URL never reaches the log.
    expect(JSON.stringify(log.lines)).not.toContain(TOKEN);
  });

  it('passes on a photo without caption as photo-<date>.jpg, the largest size', async () => {
    const c = user();
    const { ticket, card } = await askedForInfo(c);
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(2048).fill(7)]);
    const before = staff.files().length;

    // No reply: the one ticket waiting for this requester's information is the one meant.
    const ack = await c.one(() => c.sendPhoto(photo));
    const name = `photo-${new Date().toISOString().slice(0, 10)}.jpg`;
    expect(ack.message.text).toBe(`📎 Sent “${name}” to the experts handling ${ticket.id}.`);

    const document = (await staff.waitForFiles(before + 1)).at(-1);
    expect(document).toMatchObject({
      name,
      replyTo: card.messageId,
      caption: `💬 <b>${ticket.id}</b>\nRequester sent a file: ${name} (JPEG image, 2 KB)`,
    });
    expect(Buffer.from(document?.bytes ?? []).equals(Buffer.from(photo))).toBe(true);
    expect((await core.triage.get(ticket.id)).history.map((h) => h.action)).toContain(
      'requester sent a file',
    );
  });

  it('refuses an executable with the reason and downloads nothing', async () => {
    const c = user();
    const { ticket, needsInfo } = await askedForInfo(c);
    const before = emulator.sentFiles.length;

    const refusal = await c.one(() =>
      c.sendDocument(
        {
          bytes: new Uint8Array([0x4d, 0x5a, 0x90]),
          name: 'invoice.exe',
          mimeType: 'application/x-msdownload',
        },
        { replyTo: needsInfo },
      ),
    );
    expect(refusal.message.text).toBe(requesterMessages.fileRefused('type', 'en'));
    expect(refusal.message.text).toContain('Please send PDF, images');

    // Too large for a bot to download: refused on the size Telegram reports.
    const tooLarge = await c.one(() =>
      c.sendDocument(
        { bytes: pdfBytes, name: 'scan.pdf', mimeType: 'application/pdf', size: 25 * 1024 * 1024 },
        { replyTo: needsInfo },
      ),
    );
    expect(tooLarge.message.text).toBe(requesterMessages.fileRefused('too-large', 'en'));

    await staff.settle(300);
    expect(emulator.sentFiles).toHaveLength(before);
    const after = await core.triage.get(ticket.id);
    expect(after.history.map((h) => h.action)).not.toContain('requester sent a file');
    expect(after.status).toBe('needs-info');
  });

  it('tells a requester whose requests are closed that the file went nowhere', async () => {
    const c = user();
    const { ticket } = await submitted(c);
    await core.triage.setStatus(ticket.id, 'closed', `telegram:${ADMIN_ID}`);
    await c.waitFor(c.inbox.length + 1);
    const before = emulator.sentFiles.length;
    const reply = await c.one(() =>
      c.sendDocument({ bytes: pdfBytes, name: 'complaint.pdf', mimeType: 'application/pdf' }),
    );
    expect(reply.message.text).toBe(requesterMessages.fileWithoutTicket('en'));
    expect(reply.message.text).toContain('Reply to the message about your request');
    expect((await core.triage.get(ticket.id)).history.map((h) => h.action)).not.toContain(
      'requester sent a file',
    );

    // Someone who never asked for assistance hears that the assistant reads text only.
    const stranger = user();
    const textOnly = await stranger.one(() =>
      stranger.sendDocument({ bytes: pdfBytes, name: 'notice.pdf', mimeType: 'application/pdf' }),
    );
    expect(textOnly.message.text).toContain('I cannot read photos, stickers, voice messages or files.');
    await staff.settle(300);
    expect(emulator.sentFiles).toHaveLength(before);
  });

  it('sends a document a staff member posts in reply to the relayed file to the requester', async () => {
    const c = user();
    const { ticket, needsInfo } = await askedForInfo(c);
    const before = staff.files().length;
    await c.one(() =>
      c.sendDocument(
        { bytes: pdfBytes, name: 'complaint.pdf', mimeType: 'application/pdf' },
        { replyTo: needsInfo },
      ),
    );
    const relayed = (await staff.waitForFiles(before + 1)).at(-1);
    if (!relayed) throw new Error('no relayed file');
    expect(relayed.caption).toContain(ticket.id);

    const answerBytes = new TextEncoder().encode('%PDF-1.7\n% our draft response\n%%EOF\n');
    const confirmation = await staff.one(() =>
      staff.sendDocument(
        { bytes: answerBytes, name: 'draft-response.pdf', mimeType: 'application/pdf' },
        { replyTo: relayed, caption: 'Please review and sign by Friday.' },
      ),
    );
    expect(confirmation.message.text).toBe(`✅ Sent to the requester of ${ticket.id}.`);

    const [received] = await c.waitForFiles(1);
    expect(received).toMatchObject({
      method: 'sendDocument',
      name: 'draft-response.pdf',
      caption: `[${ticket.id} file from the experts] draft-response.pdf\nPlease review and sign by Friday.`,
    });
    expect(received?.parseMode).toBeUndefined();
    expect(Buffer.from(received?.bytes ?? []).equals(Buffer.from(answerBytes))).toBe(true);
    expect((await core.triage.get(ticket.id)).history.at(-1)).toMatchObject({
      action: 'sent a file',
      by: `staff:telegram:${ADMIN_ID}`,
      detail: 'draft-response.pdf (PDF, 1 KB)',
    });

    // The requester's text reply to the expert's file reaches its ticket, by the id in the caption.
    const [ack, thread] = await Promise.all([
      c.one(() => c.replyTo(received as NonNullable<typeof received>, 'Signed copy follows tomorrow.')),
      staff.waitFor(staff.inbox.length + 1).then((all) => all.at(-1) as BotMessage),
    ]);
    expect(ack.message.text).toBe(`✉️ Sent to the experts handling ${ticket.id}.`);
    expect(thread.message.text).toContain('Requester: Signed copy follows tomorrow.');
  });

  it('refuses a staff file of a type the policy does not take, saying which types it does', async () => {
    const c = user();
    const { ticket, card } = await submitted(c);
    const refusal = await staff.one(() =>
      staff.sendDocument(
        { bytes: new Uint8Array([1, 2, 3]), name: 'tool.zip', mimeType: 'application/zip' },
        { replyTo: card },
      ),
    );
    expect(refusal.message.text).toBe(
      'File type not accepted. Send PDF, images (JPEG, PNG, WebP, HEIC), Word, Excel or text files.',
    );
    await c.settle(300);
    expect(c.files()).toHaveLength(0);
    expect((await core.triage.get(ticket.id)).history.map((h) => h.action)).toEqual(['submitted']);
  });
});
