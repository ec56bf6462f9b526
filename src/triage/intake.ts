import { ticketFieldOrder } from './labels.ts';
import {
  checkField,
  type FieldContext,
  type TicketField,
  type TicketInput,
  ticketInputSchema,
} from './ticket.ts';

/**
 * The assistance-request form, platform-neutral: which field is asked, what an answer does
 * (stored, refused with the reason, back, cancel, edit), and when the request is ready to submit.
 * Telegram drives it one field at a time and Slack with one modal; both only render its views.
 */
export interface IntakeState {
  /** Index into `intakeFields`; equal to its length once every field is answered (the summary). */
  step: number;
  /** Set when one field is being changed from the summary: answering it returns there. */
  editing: boolean;
  values: Partial<Record<TicketField, string>>;
}

export const intakeFields = ticketFieldOrder;

export type IntakeEvent =
  /** An answer to the field being asked, as typed or as a button's value. */
  | { kind: 'answer'; field: TicketField; raw: string }
  /** Every field at once (a modal). */
  | { kind: 'form'; values: Partial<Record<TicketField, string>> }
  | { kind: 'back' }
  | { kind: 'cancel' }
  /** Something that is not an answer (a sticker, a photo). */
  | { kind: 'other' }
  /** From the summary: choose a field to change, then that field. */
  | { kind: 'edit' }
  | { kind: 'editField'; field: TicketField }
  /** Show the summary again, unchanged ("back to the summary" from choosing a field). */
  | { kind: 'summary' }
  | { kind: 'submit' };

/** Why the same question is asked again. */
export type IntakeNotice =
  | { kind: 'invalid'; field: TicketField; reason: string }
  | { kind: 'textPlease' }
  | { kind: 'useButtons' };

export type IntakeView =
  | { kind: 'ask'; field: TicketField; position: number; of: number; notice?: IntakeNotice }
  | { kind: 'summary'; input: TicketInput; notice?: IntakeNotice }
  | { kind: 'chooseField' }
  /** A form with invalid fields: each with its reason. */
  | { kind: 'invalid'; reasons: Partial<Record<TicketField, string>> }
  | { kind: 'cancelled' }
  | { kind: 'submit'; input: TicketInput };

export interface IntakeStep {
  state: IntakeState;
  view: IntakeView;
}

export function beginIntake(): IntakeStep {
  const state: IntakeState = { step: 0, editing: false, values: {} };
  return { state, view: viewOf(state) };
}

function toInput(values: IntakeState['values']): TicketInput {
  // Every field passed its own check on the way in; the schema only assembles them.
  return ticketInputSchema.parse(values);
}

function viewOf(state: IntakeState, notice?: IntakeNotice): IntakeView {
  const field = intakeFields[state.step];
  if (field === undefined)
    return { kind: 'summary', input: toInput(state.values), ...(notice ? { notice } : {}) };
  return {
    kind: 'ask',
    field,
    position: state.step + 1,
    of: intakeFields.length,
    ...(notice ? { notice } : {}),
  };
}

function store(values: IntakeState['values'], field: TicketField, value: string | undefined) {
  const next = { ...values };
  if (value === undefined) delete next[field];
  else next[field] = value;
  return next;
}

/** What one event does to the form. `context.today` lets a past deadline be refused. */
export function advance(state: IntakeState, event: IntakeEvent, context: FieldContext = {}): IntakeStep {
  const atSummary = state.step >= intakeFields.length;
  switch (event.kind) {
    case 'cancel':
      return { state, view: { kind: 'cancelled' } };
    case 'back': {
      const step = state.editing ? intakeFields.length : Math.max(0, state.step - 1);
      const next = { ...state, step, editing: false };
      return { state: next, view: viewOf(next) };
    }
    case 'other':
      return { state, view: viewOf(state, atSummary ? { kind: 'useButtons' } : { kind: 'textPlease' }) };
    case 'edit':
      return atSummary ? { state, view: { kind: 'chooseField' } } : { state, view: viewOf(state) };
    case 'editField': {
      const step = intakeFields.indexOf(event.field);
      if (!atSummary || step < 0) return { state, view: viewOf(state) };
      const next = { ...state, step, editing: true };
      return { state: next, view: viewOf(next) };
    }
    case 'summary':
      return { state, view: viewOf(state) };
    case 'submit':
      return atSummary
        ? { state, view: { kind: 'submit', input: toInput(state.values) } }
        : { state, view: viewOf(state) };
    case 'answer': {
      // An answer to another field (a button of an older message) changes nothing.
      if (atSummary) return { state, view: viewOf(state, { kind: 'useButtons' }) };
      if (intakeFields[state.step] !== event.field) return { state, view: viewOf(state) };
      const checked = checkField(event.field, event.raw, context);
      if (!checked.ok)
        return {
          state,
          view: viewOf(state, { kind: 'invalid', field: event.field, reason: checked.reason }),
        };
      const next: IntakeState = {
        values: store(state.values, event.field, checked.value),
        step: state.editing ? intakeFields.length : state.step + 1,
        editing: false,
      };
      return { state: next, view: viewOf(next) };
    }
    case 'form': {
      const reasons: Partial<Record<TicketField, string>> = {};
      let values: IntakeState['values'] = {};
      for (const field of intakeFields) {
        const checked = checkField(field, event.values[field] ?? '', context);
        if (!checked.ok) reasons[field] = checked.reason;
        else values = store(values, field, checked.value);
      }
      if (Object.keys(reasons).length > 0) return { state, view: { kind: 'invalid', reasons } };
      const next: IntakeState = { values, step: intakeFields.length, editing: false };
      return { state: next, view: viewOf(next) };
    }
  }
}
