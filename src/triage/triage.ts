import { requesterMessages } from '../copy/requests.ts';
import { IpriskError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { type Attachment, checkAttachment, describeAttachment } from './attachment.ts';
import type { RequesterNotifier, StaffNotifier } from './notifiers.ts';
import { computePriority } from './priority.ts';
import {
  type Requester,
  type Ticket,
  type TicketInput,
  type TicketStatus,
  ticketInputSchema,
  transitions,
} from './ticket.ts';
import { requesterKey, type TicketStore } from './ticket-store.ts';

export interface SlaMinutes {
  urgent: number;
  high: number;
  normal: number;
  low: number;
}

export interface TriageDeps {
  store: TicketStore;
  logger: Logger;
  slaMinutes: SlaMinutes;
  now?: () => Date;
}

/**
 * The assistance-request workflow, shaped like a guidance center's: an application, a notice to
 * supplement, acceptance, guidance, closing. Adapters register how staff and requesters are
 * reached; the workflow itself knows no platform.
 */
export function createTriage(deps: TriageDeps) {
  const now = deps.now ?? (() => new Date());
  const requesters = new Map<Requester['platform'], RequesterNotifier>();
  let staff: StaffNotifier | undefined;

  const log = (ticket: Ticket, action: string) =>
    // Ids and status only: contact details and descriptions stay out of logs.
    deps.logger.info({ ticket: ticket.id, status: ticket.status, priority: ticket.priority.level }, action);

  async function notifyRequester(ticket: Ticket, text: string): Promise<void> {
    const notifier = requesters.get(ticket.requester.platform);
    if (!notifier) return;
    await notifier
      .send(ticket.requester, text)
      .catch((error: unknown) =>
        deps.logger.error({ err: error, ticket: ticket.id }, 'could not reach the requester'),
      );
  }

  async function mustGet(id: string): Promise<Ticket> {
    const ticket = await deps.store.get(id);
    if (!ticket)
      throw new IpriskError('NOT_FOUND', `No ticket ${id}.`, {
        hint: 'Ticket ids look like IPR-2026-000123.',
      });
    return ticket;
  }

  async function change(ticket: Ticket, by: string, action: string, detail?: string): Promise<Ticket> {
    const at = now().toISOString();
    const next: Ticket = {
      ...ticket,
      updatedAt: at,
      touchedAt: by.startsWith('staff:') ? at : ticket.touchedAt,
      history: [...ticket.history, { at, by, action, ...(detail ? { detail } : {}) }],
    };
    await deps.store.save(next);
    await staff
      ?.updateTicket(next)
      .catch((error: unknown) => deps.logger.error({ err: error }, 'could not update the staff card'));
    log(next, action);
    return next;
  }

  return {
    registerStaff(notifier: StaffNotifier) {
      staff = notifier;
    },
    registerRequester(platform: Requester['platform'], notifier: RequesterNotifier) {
      requesters.set(platform, notifier);
    },

    /**
     * Stores the request and only then returns its id; if storing fails the caller gets
     * STORE_UNAVAILABLE and must tell the requester it was not submitted.
     */
    async submit(requester: Requester, raw: TicketInput): Promise<Ticket> {
      const input = ticketInputSchema.parse(raw);
      const at = now();
      const iso = at.toISOString();
      const ticket: Ticket = {
        id: await deps.store.nextId(at.getUTCFullYear()),
        status: 'new',
        priority: computePriority(input, at),
        requester,
        input,
        createdAt: iso,
        updatedAt: iso,
        touchedAt: iso,
        history: [{ at: iso, by: `${requester.platform}:${requester.userId}`, action: 'submitted' }],
      };
      await deps.store.save(ticket);
      log(ticket, 'ticket submitted');
      if (staff) {
        // The ticket is already safe: a failed card is retried by the SLA reminder, not lost.
        const thread = await staff.postTicket(ticket).catch((error: unknown) => {
          deps.logger.error({ err: error, ticket: ticket.id }, 'could not post the ticket to staff');
          return undefined;
        });
        if (thread) {
          const withThread = { ...ticket, staffThread: thread };
          // The ticket is stored: failing to record where its card is must not turn into
          // "not saved" for the requester (the SLA check posts a linked card later).
          const linked = await deps.store
            .save(withThread)
            .then(() => true)
            .catch((error: unknown) => {
              deps.logger.error({ err: error, ticket: ticket.id }, 'could not link the staff card');
              return false;
            });
          return linked ? withThread : ticket;
        }
      }
      return ticket;
    },

    get: mustGet,
    /** Open tickets, most urgent first. */
    queue: () => deps.store.open(),
    all: () => deps.store.all(),

    /** A requester's own tickets, newest first; nobody else's. */
    mine: (requester: Pick<Requester, 'platform' | 'userId'>) =>
      deps.store.byRequester(requesterKey({ requester: { ...requester, conversationId: '', lang: 'en' } })),

    /** A requester reads one ticket: only if it is theirs. */
    async getForRequester(id: string, requester: Pick<Requester, 'platform' | 'userId'>): Promise<Ticket> {
      const ticket = await deps.store.get(id);
      if (
        !ticket ||
        ticket.requester.platform !== requester.platform ||
        ticket.requester.userId !== requester.userId
      ) {
        throw new IpriskError('NOT_FOUND', `No ticket ${id} of yours.`);
      }
      return ticket;
    },

    byStaffThread: (channel: string, ts: string) => deps.store.byStaffThread(channel, ts),

    async claim(id: string, staffId: string, staffName?: string): Promise<Ticket> {
      const ticket = await mustGet(id);
      const status: TicketStatus = ticket.status === 'new' ? 'accepted' : ticket.status;
      const { assigneeName: _previous, ...rest } = ticket;
      const next = await change(
        { ...rest, assignee: staffId, ...(staffName ? { assigneeName: staffName } : {}), status },
        `staff:${staffId}`,
        'claimed',
      );
      if (status !== ticket.status) await notifyRequester(next, requesterMessages.status(next));
      return next;
    },

    async setStatus(id: string, status: TicketStatus, staffId: string): Promise<Ticket> {
      const ticket = await mustGet(id);
      if (!transitions[ticket.status].includes(status)) {
        throw new IpriskError('CONFLICT', `A ${ticket.status} ticket cannot become ${status}.`, {
          hint: `From ${ticket.status}: ${transitions[ticket.status].join(', ') || 'no further status'}.`,
        });
      }
      const next = await change({ ...ticket, status }, `staff:${staffId}`, `status → ${status}`);
      await notifyRequester(next, requesterMessages.status(next));
      return next;
    },

    async requestInfo(id: string, staffId: string, message: string): Promise<Ticket> {
      const ticket = await mustGet(id);
      const next = await change(
        { ...ticket, status: 'needs-info' },
        `staff:${staffId}`,
        'asked for information',
        message,
      );
      await notifyRequester(next, requesterMessages.needsInfo(next, message));
      return next;
    },

    /** Staff writing among themselves in the ticket's thread: kept in its history, never sent. */
    async staffNote(id: string, staffId: string, text: string): Promise<Ticket> {
      return change(await mustGet(id), `staff:${staffId}`, 'internal note', text);
    },

    /** Staff writing to the requester (the Reply button, or a thread message marked as a reply). */
    async staffReply(id: string, staffId: string, text: string): Promise<Ticket> {
      const ticket = await mustGet(id);
      const next = await change(ticket, `staff:${staffId}`, 'replied', text);
      await notifyRequester(next, requesterMessages.staffReply(next, text));
      return next;
    },

    /**
     * Where a requester's message goes: to the ticket it replies to (the id the adapter read from
     * the replied-to message or thread), else to the one ticket still waiting for their answer to
     * a request for information, else nowhere: it is a question for the assistant. Never "the
     * latest open ticket": with two open, that guesses.
     */
    async routeRequesterMessage(
      requester: Pick<Requester, 'platform' | 'userId'>,
      replyToTicket?: string,
    ): Promise<RequesterRoute> {
      const open = (await this.mine(requester)).filter((t) => t.status !== 'closed');
      if (replyToTicket) {
        const ticket = open.find((t) => t.id === replyToTicket);
        return ticket ? { kind: 'ticket', ticket } : { kind: 'question' };
      }
      const waiting = open.filter(awaitsRequester);
      if (waiting.length === 1 && waiting[0]) return { kind: 'ticket', ticket: waiting[0] };
      if (waiting.length > 1) return { kind: 'ambiguous', tickets: waiting };
      return { kind: 'question' };
    },

    /**
     * The requester's answer, into the staff thread of the ticket it is for. Answering a request
     * for information supplies it: the ticket goes back to in-progress, so later messages are
     * questions again unless they reply to the ticket.
     */
    async requesterReply(
      requester: Pick<Requester, 'platform' | 'userId'>,
      ticketId: string,
      text: string,
    ): Promise<Ticket> {
      const ticket = await this.getForRequester(ticketId, requester);
      if (ticket.status === 'closed')
        throw new IpriskError('CONFLICT', `Ticket ${ticket.id} is closed.`, {
          hint: 'Start a new assistance request.',
        });
      const next = await change(
        { ...ticket, status: afterRequesterAnswer(ticket.status) },
        `${requester.platform}:${requester.userId}`,
        'requester replied',
        text,
      );
      await staff
        ?.postToThread(next, `Requester: ${text}`)
        .catch((error: unknown) =>
          deps.logger.error({ err: error, ticket: next.id }, 'could not relay to staff'),
        );
      return next;
    },

    /**
     * A requester's file for one of their tickets: checked against the policy, recorded in the
     * history (name, type, size), and put in the staff thread. Refused files throw INVALID_INPUT
     * with the reason, so the adapter can tell the requester what would be accepted.
     */
    async requesterFile(
      requester: Pick<Requester, 'platform' | 'userId'>,
      ticketId: string,
      file: Attachment,
      caption = '',
    ): Promise<Ticket> {
      checkAttachment(file);
      const ticket = await this.getForRequester(ticketId, requester);
      const described = describeAttachment(file);
      const line = `Requester sent a file: ${described}${caption ? `\n${caption}` : ''}`;
      // Delivered first, recorded after: the requester is told "sent" only of a file staff can open.
      try {
        if (staff?.postFile) await staff.postFile(ticket, file, line);
        else await staff?.postToThread(ticket, `${line}\n(The file could not be attached here.)`);
      } catch (error) {
        deps.logger.error({ err: error, ticket: ticket.id }, 'could not pass a file to staff');
        throw new IpriskError('DELIVERY_FAILED', `The file for ${ticket.id} did not reach staff.`, {
          hint: 'Check the staff chat or triage channel settings; the requester can send it again.',
          cause: error,
        });
      }
      return change(
        { ...ticket, status: afterRequesterAnswer(ticket.status) },
        `${requester.platform}:${requester.userId}`,
        'requester sent a file',
        described,
      );
    },

    /** A staff member's file for the requester: the same policy and record, the other way. */
    async staffFile(id: string, staffId: string, file: Attachment, caption = ''): Promise<Ticket> {
      checkAttachment(file);
      const ticket = await mustGet(id);
      const notifier = requesters.get(ticket.requester.platform);
      if (!notifier?.sendFile)
        throw new IpriskError(
          'CONFLICT',
          `Files cannot be sent to ${ticket.requester.platform} requesters.`,
          {
            hint: 'Describe the file in a reply instead.',
          },
        );
      const text = `${requesterMessages.staffFile(ticket, file.name)}${caption ? `\n${caption}` : ''}`;
      try {
        await notifier.sendFile(ticket.requester, file, text, ticket);
      } catch (error) {
        throw new IpriskError('DELIVERY_FAILED', `The file for ${ticket.id} did not reach the requester.`, {
          hint: 'Try again, or describe the file in a reply.',
          cause: error,
        });
      }
      return change(ticket, `staff:${staffId}`, 'sent a file', describeAttachment(file));
    },

    /** Announces again every open ticket untouched past its SLA; returns those announced. */
    async checkSla(): Promise<Ticket[]> {
      const at = now();
      const due: Ticket[] = [];
      for (const open of await deps.store.open()) {
        let ticket = open;
        // A card that could not be posted at submit is posted now, so no ticket stays unseen.
        if (!ticket.staffThread && staff) {
          const thread = await staff.postTicket(ticket).catch(() => undefined);
          if (thread) {
            ticket = { ...ticket, staffThread: thread };
            await deps.store.save(ticket);
          }
        }
        const limit = deps.slaMinutes[ticket.priority.level] * 60_000;
        const since = at.getTime() - Date.parse(ticket.remindedAt ?? ticket.touchedAt);
        if (since < limit) continue;
        const next = { ...ticket, remindedAt: at.toISOString() };
        await deps.store.save(next);
        await staff
          ?.remind(next)
          .catch((error: unknown) => deps.logger.error({ err: error }, 'SLA reminder failed'));
        due.push(next);
      }
      return due;
    },
  };
}

export type Triage = ReturnType<typeof createTriage>;

export type RequesterRoute =
  | { kind: 'ticket'; ticket: Ticket }
  | { kind: 'ambiguous'; tickets: Ticket[] }
  | { kind: 'question' };

/** Staff asked for information and the requester has not answered since. */
function awaitsRequester(ticket: Ticket): boolean {
  if (ticket.status !== 'needs-info') return false;
  const actions = ticket.history.map((h) => h.action);
  return actions.lastIndexOf('asked for information') > actions.lastIndexOf('requester replied');
}

/** The status after the requester answered: a request for information is then supplied. */
function afterRequesterAnswer(status: TicketStatus): TicketStatus {
  return status === 'needs-info' ? 'in-progress' : status;
}
