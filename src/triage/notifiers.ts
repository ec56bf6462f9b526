import type { Attachment } from './attachment.ts';
import type { Requester, StaffThread, Ticket } from './ticket.ts';

/** Where staff see tickets: a Slack triage channel or a Telegram staff chat (an adapter implements it). */
export interface StaffNotifier {
  /** Posts the ticket's card; returns where it lives so thread replies find the ticket. */
  postTicket(ticket: Ticket): Promise<StaffThread | undefined>;
  /** Refreshes the card after a change (status, assignee). */
  updateTicket(ticket: Ticket): Promise<void>;
  /** Puts a message in the ticket's thread (a requester's reply, a note). */
  postToThread(ticket: Ticket, text: string): Promise<void>;
  /** Puts a requester's file in the ticket's thread, with `text` saying what it is. */
  postFile?(ticket: Ticket, file: Attachment, text: string): Promise<void>;
  /** Announces again a ticket nobody has touched within its SLA. */
  remind(ticket: Ticket): Promise<void>;
}

/** How a requester is reached on their platform. */
export interface RequesterNotifier {
  /** `ticket` is the one the message is about, so the message can link back to it. */
  send(requester: Requester, text: string, ticket?: Ticket): Promise<void>;
  /** Sends a file from the experts, with `text` saying which ticket it is about. */
  sendFile?(requester: Requester, file: Attachment, text: string, ticket: Ticket): Promise<void>;
}
