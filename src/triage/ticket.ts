import { z } from 'zod';
import { isoDay, isRealDay } from '../text/dates.ts';

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

/**
 * A Chinese keyboard types full-width ＠, digits, letters and spaces; folding to the ASCII forms
 * first lets the same checks accept what the requester actually typed.
 */
const fold = (value: unknown) => (typeof value === 'string' ? value.normalize('NFKC') : value);
const folded = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(fold, schema);

const han = /\p{Script=Han}/gu;
/**
 * A Han character says about as much as two Latin letters: "资金被冻结了" is a complete sentence
 * in six characters, so each counts double against the minimum.
 */
const descriptionWeight = (text: string) => [...text].length + (text.match(han)?.length ?? 0);

export const fieldReasons = {
  description: 'Describe the dispute in a sentence or two (at least 10 letters or 5 Chinese characters).',
  deadlinePassed: 'That date has passed; give the next deadline, or none.',
} as const;

/** What a requester fills in; each field is checked on its own so it can be asked again with the reason. */
export const ticketFields = {
  company: z.string().trim().min(2, 'Give the company name (at least 2 characters).').max(200),
  contactName: z.string().trim().min(2, 'Give a contact person (at least 2 characters).').max(100),
  contact: folded(
    z
      .string()
      .trim()
      .refine((value) => email.test(value) || phone.test(value), 'Give an email address or a phone number.'),
  ),
  market: z.string().trim().min(2, 'Name the country or market (e.g. US, Germany, 越南).').max(60),
  ipType: folded(
    z.enum(ticketIpTypes, {
      errorMap: () => ({ message: `Choose one of: ${ticketIpTypes.join(', ')}.` }),
    }),
  ),
  disputeType: folded(
    z.enum(disputeTypes, {
      errorMap: () => ({ message: `Choose one of: ${disputeTypes.join(', ')}.` }),
    }),
  ),
  deadline: folded(
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/u, 'Give the date as YYYY-MM-DD, or leave it empty if there is none.')
      .refine(isRealDay, 'That date does not exist.')
      .optional(),
  ),
  // Free text is stored as typed (Chinese punctuation stays full-width).
  description: z
    .string()
    .trim()
    .max(4000)
    .refine((text) => descriptionWeight(text) >= 10, fieldReasons.description),
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
  /** How staff see the assignee where the id means nothing (a Telegram staff member's name). */
  assigneeName?: string;
  staffThread?: StaffThread;
  createdAt: string;
  updatedAt: string;
  /** Last time staff did anything with it: what the SLA reminder measures. */
  touchedAt: string;
  remindedAt?: string;
  history: HistoryEntry[];
}

/** What a field check may need from outside; without `today`, a past deadline is not noticed. */
export interface FieldContext {
  /** The caller's clock: deadlines before this (UTC) day are refused. */
  today?: Date;
}

/** Validates one field; returns the cleaned value or the reason to ask again. */
export function checkField(
  field: TicketField,
  value: string,
  context: FieldContext = {},
): { ok: true; value: string | undefined } | { ok: false; reason: string } {
  const trimmed = value.trim();
  const plain = trimmed.normalize('NFKC');
  if (
    (field === 'deadline' || field === 'question') &&
    (plain === '' || plain === '-' || /^(none|no|无|没有|跳过|skip)$/iu.test(plain))
  ) {
    return { ok: true, value: undefined };
  }
  const parsed = ticketFields[field].safeParse(trimmed);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'Invalid value.' };
  const clean = parsed.data as string | undefined;
  // The UTC day, as computePriority counts days: an accepted deadline never scores as already
  // passed, which would make the ticket urgent for a date that no longer matters.
  if (field === 'deadline' && context.today && clean !== undefined && clean < isoDay(context.today))
    return { ok: false, reason: fieldReasons.deadlinePassed };
  return { ok: true, value: clean };
}
