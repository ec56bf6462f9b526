import { z } from 'zod';
import { isRealDay } from '../text/dates.ts';

export const disputeTypes = [
  'section-337',
  'us-lawsuit',
  'schedule-a',
  'customs-detention',
  'platform-takedown',
  'warning-letter',
  'trademark-squatting',
  'trade-fair',
  'other',
] as const;
export type DisputeType = (typeof disputeTypes)[number];

export const ticketIpTypes = [
  'patent',
  'trademark',
  'design',
  'copyright',
  'trade-secret',
  'domain',
  'other',
] as const;

export const statuses = ['new', 'accepted', 'needs-info', 'in-progress', 'answered', 'closed'] as const;
export type TicketStatus = (typeof statuses)[number];

/** Which status may follow which: the way a guidance center handles an application. */
export const transitions: Record<TicketStatus, TicketStatus[]> = {
  new: ['accepted', 'needs-info', 'closed'],
  'needs-info': ['accepted', 'in-progress', 'closed'],
  accepted: ['in-progress', 'needs-info', 'closed'],
  'in-progress': ['needs-info', 'answered', 'closed'],
  answered: ['in-progress', 'closed'],
  closed: [],
};

const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const phone = /^\+?[\d\s()-]{6,20}$/u;

/** What a requester fills in; each field is checked on its own so it can be asked again with the reason. */
export const ticketFields = {
  company: z.string().trim().min(2, 'Give the company name (at least 2 characters).').max(200),
  contactName: z.string().trim().min(2, 'Give a contact person (at least 2 characters).').max(100),
  contact: z
    .string()
    .trim()
    .refine((value) => email.test(value) || phone.test(value), 'Give an email address or a phone number.'),
  market: z.string().trim().min(2, 'Name the country or market (e.g. US, Germany, 越南).').max(60),
  ipType: z.enum(ticketIpTypes, {
    errorMap: () => ({ message: `Choose one of: ${ticketIpTypes.join(', ')}.` }),
  }),
  disputeType: z.enum(disputeTypes, {
    errorMap: () => ({ message: `Choose one of: ${disputeTypes.join(', ')}.` }),
  }),
  deadline: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/u, 'Give the date as YYYY-MM-DD, or leave it empty if there is none.')
    .refine(isRealDay, 'That date does not exist.')
    .optional(),
  description: z
    .string()
    .trim()
    .min(10, 'Describe the dispute in a sentence or two (at least 10 characters).')
    .max(4000),
  question: z.string().trim().max(1000).optional(),
};

export const ticketInputSchema = z.object(ticketFields);
export type TicketInput = z.infer<typeof ticketInputSchema>;
export type TicketField = keyof typeof ticketFields;

export interface Requester {
  platform: 'telegram' | 'slack' | 'console' | 'http';
  userId: string;
  /** Where replies go: a Telegram chat, a Slack DM or channel. */
  conversationId: string;
  /** The language to write to them in. */
  lang: 'zh' | 'en';
}

export interface Priority {
  score: number;
  level: 'urgent' | 'high' | 'normal' | 'low';
  reasons: string[];
}

export interface HistoryEntry {
  at: string;
  by: string;
  action: string;
  detail?: string;
}

/** Where the ticket's card lives for staff, so their thread replies find the ticket. */
export interface StaffThread {
  platform: 'slack' | 'telegram';
  channel: string;
  ts: string;
}

export interface Ticket {
  id: string;
  status: TicketStatus;
  priority: Priority;
  requester: Requester;
  input: TicketInput;
  assignee?: string;
  staffThread?: StaffThread;
  createdAt: string;
  updatedAt: string;
  /** Last time staff did anything with it: what the SLA reminder measures. */
  touchedAt: string;
  remindedAt?: string;
  history: HistoryEntry[];
}

/** Validates one field; returns the cleaned value or the reason to ask again. */
export function checkField(
  field: TicketField,
  value: string,
): { ok: true; value: string | undefined } | { ok: false; reason: string } {
  const trimmed = value.trim();
  if (
    (field === 'deadline' || field === 'question') &&
    (trimmed === '' || trimmed === '-' || /^(none|no|无|没有|跳过|skip)$/iu.test(trimmed))
  ) {
    return { ok: true, value: undefined };
  }
  const parsed = ticketFields[field].safeParse(trimmed);
  return parsed.success
    ? { ok: true, value: parsed.data as string | undefined }
    : { ok: false, reason: parsed.error.issues[0]?.message ?? 'Invalid value.' };
}
