import { describe, expect, it } from 'vitest';
import { isIpriskError } from '../../src/errors.ts';
import {
  type Attachment,
  attachmentPolicy,
  describeAttachment,
  refuseAttachment,
} from '../../src/triage/attachment.ts';
import type { StaffNotifier } from '../../src/triage/notifiers.ts';
import type { Requester } from '../../src/triage/ticket.ts';
import { createMemoryTicketStore } from '../../src/triage/ticket-store.ts';
import { createTriage } from '../../src/triage/triage.ts';
import { silentLogger } from '../helpers/fixture-core.ts';
import { sampleTicketInput } from '../helpers/tickets.ts';

const requester: Requester = { platform: 'telegram', userId: '7', conversationId: 'telegram:7', lang: 'en' };
const input = sampleTicketInput();
const pdf = (size = 120_000): Attachment => ({
  name: 'complaint.pdf',
  mimeType: 'application/pdf',
  size,
  read: async () => new Uint8Array([37, 80, 68, 70]),
});

function setup() {
  const posted: Array<{ id: string; name: string; text: string; bytes: number }> = [];
  const sentFiles: Array<{ to: string; name: string; text: string }> = [];
  const staff: StaffNotifier = {
    postTicket: async () => undefined,
    updateTicket: async () => {},
    postToThread: async () => {},
    remind: async () => {},
    async postFile(t, file, text) {
      posted.push({ id: t.id, name: file.name, text, bytes: (await file.read()).length });
    },
  };
  const triage = createTriage({
    store: createMemoryTicketStore(30),
    logger: silentLogger,
    slaMinutes: { urgent: 60, high: 240, normal: 1440, low: 4320 },
  });
  triage.registerStaff(staff);
  triage.registerRequester('telegram', {
    send: async () => {},
    sendFile: async (r, file, text) => void sentFiles.push({ to: r.userId, name: file.name, text }),
  });
  return { triage, posted, sentFiles };
}

describe('attachments', () => {
  it('accepts documents and images up to 20 MB and refuses the rest with a reason', () => {
    expect(refuseAttachment(pdf())).toBeUndefined();
    expect(refuseAttachment({ mimeType: 'image/jpeg', size: 2_000_000 })).toBeUndefined();
    expect(refuseAttachment(pdf(attachmentPolicy.maxBytes + 1))).toBe('too-large');
    expect(refuseAttachment({ mimeType: 'application/x-msdownload', size: 1000 })).toBe('type');
    expect(describeAttachment(pdf())).toBe('complaint.pdf (PDF, 117 KB)');
  });

  it('puts a requester’s file in the staff thread and records name, type and size, not content', async () => {
    const { triage, posted } = setup();
    const ticket = await triage.submit(requester, input);
    await triage.requestInfo(ticket.id, 'U1', 'Please send the complaint PDF.');
    const next = await triage.requesterFile(requester, ticket.id, pdf(), 'Here it is');
    expect(posted).toEqual([
      {
        id: ticket.id,
        name: 'complaint.pdf',
        text: 'Requester sent a file: complaint.pdf (PDF, 117 KB)\nHere it is',
        bytes: 4,
      },
    ]);
    expect(next.history.at(-1)).toMatchObject({
      by: 'telegram:7',
      action: 'requester sent a file',
      detail: 'complaint.pdf (PDF, 117 KB)',
    });
    // The file answers the request for information.
    expect(next.status).toBe('in-progress');
  });

  it('refuses a file that breaks the policy before anything is stored or sent', async () => {
    const { triage, posted } = setup();
    const ticket = await triage.submit(requester, input);
    const error = await triage
      .requesterFile(requester, ticket.id, { ...pdf(), mimeType: 'application/zip' })
      .catch((e: unknown) => e);
    expect(isIpriskError(error, 'INVALID_INPUT')).toBe(true);
    expect(posted).toHaveLength(0);
    expect((await triage.get(ticket.id)).history.map((h) => h.action)).toEqual(['submitted']);
  });

  it('sends a staff member’s file to the requester, named with the ticket', async () => {
    const { triage, sentFiles } = setup();
    const ticket = await triage.submit(requester, input);
    await triage.staffFile(ticket.id, 'U1', { ...pdf(), name: 'response-draft.pdf' });
    expect(sentFiles).toEqual([
      {
        to: '7',
        name: 'response-draft.pdf',
        text: `[${ticket.id} file from the experts] response-draft.pdf`,
      },
    ]);
  });

  it('says a file did not reach staff when the staff side fails, and records nothing', async () => {
    const triage = createTriage({
      store: createMemoryTicketStore(30),
      logger: silentLogger,
      slaMinutes: { urgent: 60, high: 240, normal: 1440, low: 4320 },
    });
    triage.registerStaff({
      postTicket: async () => undefined,
      updateTicket: async () => {},
      postToThread: async () => {},
      remind: async () => {},
      postFile: async () => {
        throw new Error('upload refused');
      },
    });
    const ticket = await triage.submit(requester, input);
    const error = await triage.requesterFile(requester, ticket.id, pdf()).catch((e: unknown) => e);
    expect(isIpriskError(error, 'DELIVERY_FAILED')).toBe(true);
    expect((await triage.get(ticket.id)).history.map((h) => h.action)).toEqual(['submitted']);
  });
});
