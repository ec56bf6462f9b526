import type { RecordedCall } from './fake-slack-api.ts';
import type { Harness } from './harness.ts';

export const TRIAGE = 'CTRIAGE';

/** A day `n` days from today, as the datepicker gives it. */
export const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

export interface FormInput {
  company: string;
  contactName: string;
  contact: string;
  market: string;
  ipType: string;
  disputeType: string;
  deadline?: string;
  description: string;
  question?: string;
}

export const validForm = (over: Partial<FormInput> = {}): FormInput => ({
  company: 'Ningbo Lighting Co.',
  contactName: 'Li Wei',
  contact: 'li.wei@example.com',
  market: 'US',
  ipType: 'patent',
  disputeType: 'section-337',
  deadline: inDays(5),
  description: 'We were served with a Section 337 complaint about our LED lamps.',
  ...over,
});

/** The form's `view.state.values` as Slack submits them: block id = field, action id = `value`. */
export function formState(input: FormInput): Record<string, Record<string, unknown>> {
  const text = (value: string | undefined) => ({ value: { type: 'plain_text_input', value: value ?? null } });
  const select = (value: string) => ({
    value: { type: 'static_select', selected_option: { value, text: { type: 'plain_text', text: value } } },
  });
  return {
    company: text(input.company),
    contactName: text(input.contactName),
    contact: text(input.contact),
    market: text(input.market),
    ipType: select(input.ipType),
    disputeType: select(input.disputeType),
    deadline: { value: { type: 'datepicker', selected_date: input.deadline ?? null } },
    description: text(input.description),
    question: text(input.question),
  };
}

export type View = {
  callback_id: string;
  private_metadata: string;
  blocks: Array<Record<string, unknown>>;
};

export async function submitForm(h: Harness, user: string, input: FormInput, lang: 'en' | 'zh' = 'en') {
  return h.submitView({
    callbackId: 'iprisk_ticket_form',
    privateMetadata: JSON.stringify({ lang }),
    values: formState(input),
    user,
  });
}

/** Form, then summary, then Submit; resolves with the summary view and the modal's id. */
export async function submitAndConfirm(h: Harness, user: string, input: FormInput) {
  const form = await submitForm(h, user, input);
  const summary = form.ack?.view as View;
  const viewId = `VCONFIRM-${user}-${Math.random().toString(36).slice(2, 8)}`;
  const confirm = await h.submitView({
    callbackId: 'iprisk_ticket_confirm',
    privateMetadata: summary.private_metadata,
    user,
    viewId,
  });
  return { summary, confirm, viewId };
}

/** Submits a valid request and waits for the requester's confirmation with the id. */
export async function applyFor(h: Harness, user: string, input: FormInput): Promise<string> {
  const before = h.api.calls.length;
  await submitAndConfirm(h, user, input);
  const told = await dmTo(h, user, (text) => /IPR-\d{4}-\d{6} is saved/u.test(text), before);
  const id = String(told.body.text).match(/IPR-\d{4}-\d{6}/u)?.[0];
  if (!id) throw new Error('no ticket id');
  return id;
}

/** Waits for a message to the user's DM (`D<user>` in the fake) whose text matches. */
export function dmTo(
  h: Harness,
  user: string,
  matches: (text: string) => boolean,
  /** Only calls from this index on: messages sent after something the test did. */
  from = 0,
): Promise<RecordedCall> {
  return h.api.waitFor((calls) =>
    calls
      .slice(from)
      .find(
        (c) =>
          c.method === 'chat.postMessage' && c.body.channel === `D${user}` && matches(String(c.body.text)),
      ),
  );
}

export const textOf = (call: RecordedCall) => JSON.stringify(call.body.blocks ?? []) + String(call.body.text);

interface Element {
  action_id?: string;
  options?: Array<{ value: string }>;
}

/** The action ids (and the status select's options) of a card. */
export function cardControls(call: RecordedCall): { actions: string[]; statuses: string[] } {
  const blocks = (call.body.blocks ?? []) as Array<{ type: string; elements?: Element[] }>;
  const elements = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
  return {
    actions: elements.map((e) => e.action_id ?? ''),
    statuses:
      elements.find((e) => e.action_id === 'iprisk_ticket_status')?.options?.map((o) => o.value) ?? [],
  };
}

export function cardBlockId(call: RecordedCall): string {
  const blocks = (call.body.blocks ?? []) as Array<{ type: string; block_id?: string }>;
  return blocks.find((b) => b.type === 'actions')?.block_id ?? '';
}
