import type { types } from '@slack/bolt';
import type { Lang } from '../../src/text/lang.ts';
import { advance, beginIntake } from '../../src/triage/intake.ts';
import { ticketFieldOrder } from '../../src/triage/labels.ts';
import { disputeTypes, type TicketField, type TicketInput, ticketIpTypes } from '../../src/triage/ticket.ts';
import { escapeMrkdwn, SECTION_MAX, splitText } from './blocks.ts';
import { disputeLabels, fieldHints, fieldLabels, fieldReason, ipTypeLabels, t } from './triage-copy.ts';

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;

export const VIEW = {
  form: 'iprisk_ticket_form',
  confirm: 'iprisk_ticket_confirm',
  status: 'iprisk_ticket_status_view',
  ask: 'iprisk_ticket_ask',
  reply: 'iprisk_ticket_reply',
} as const;

/** The action id of every input in the intake form; the block id is the ticket field. */
export const INPUT = 'value';

/** What the intake form carries between steps (Slack's private_metadata, at most 3000 characters). */
export interface FormMeta {
  lang: Lang;
  /** Set once the form was submitted: the draft the confirmation step reads. */
  draftId?: string;
}

export type FormValues = Partial<Record<TicketField, string>>;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const option = (value: string, label: string) => ({ text: plain(clip(label, 75)), value });

function textInput(
  field: TicketField,
  lang: Lang,
  value: string | undefined,
  extra: { multiline?: boolean; maxLength?: number; optional?: boolean },
): KnownBlock {
  const hint = fieldHints[field];
  return {
    type: 'input',
    block_id: field,
    label: plain(fieldLabels[field][lang]),
    ...(hint ? { hint: plain(hint[lang]) } : {}),
    ...(extra.optional ? { optional: true } : {}),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      ...(extra.multiline ? { multiline: true } : {}),
      ...(extra.maxLength ? { max_length: extra.maxLength } : {}),
      ...(value ? { initial_value: clip(value, extra.maxLength ?? 3000) } : {}),
    },
  };
}

function selectInput(
  field: 'ipType' | 'disputeType',
  lang: Lang,
  value: string | undefined,
  choices: Array<[string, string]>,
): KnownBlock {
  const options = choices.map(([key, label]) => option(key, label));
  const initial = options.find((o) => o.value === value);
  return {
    type: 'input',
    block_id: field,
    label: plain(fieldLabels[field][lang]),
    element: {
      type: 'static_select',
      action_id: INPUT,
      placeholder: plain(t('choose', lang)),
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

/**
 * The intake form. `values` prefills it: the answered question when opened from an answer's
 * "Request assistance" button, everything the requester typed when they come back from the summary.
 */
export function formView(meta: FormMeta, values: FormValues = {}): ModalView {
  const { lang } = meta;
  return {
    type: 'modal',
    callback_id: VIEW.form,
    private_metadata: JSON.stringify(meta),
    title: plain(t('title', lang)),
    submit: plain(t('next', lang)),
    close: plain(t('cancel', lang)),
    blocks: [
      { type: 'context', elements: [mrkdwn(t('intro', lang))] },
      textInput('company', lang, values.company, { maxLength: 200 }),
      textInput('contactName', lang, values.contactName, { maxLength: 100 }),
      textInput('contact', lang, values.contact, { maxLength: 100 }),
      textInput('market', lang, values.market, { maxLength: 60 }),
      selectInput(
        'ipType',
        lang,
        values.ipType,
        ticketIpTypes.map((key) => [key, ipTypeLabels[key][lang]]),
      ),
      selectInput(
        'disputeType',
        lang,
        values.disputeType,
        disputeTypes.map((key) => [key, disputeLabels[key][lang]]),
      ),
      {
        type: 'input',
        block_id: 'deadline',
        optional: true,
        label: plain(fieldLabels.deadline[lang]),
        ...(fieldHints.deadline ? { hint: plain(fieldHints.deadline[lang]) } : {}),
        element: {
          type: 'datepicker',
          action_id: INPUT,
          ...(values.deadline ? { initial_date: values.deadline } : {}),
        },
      },
      textInput('description', lang, values.description, { multiline: true, maxLength: 3000 }),
      textInput('question', lang, values.question, { multiline: true, maxLength: 1000, optional: true }),
    ],
  };
}

/** The fields in form order, as Slack returns them in `view.state.values`. */
const formFields = ticketFieldOrder;

interface StateValue {
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value: string } | null;
}

/** The raw text of each field in a submitted form (empty when left empty). */
export function readForm(state: Record<string, Record<string, StateValue>>): FormValues {
  const values: FormValues = {};
  for (const field of formFields) {
    const input = state[field]?.[INPUT];
    values[field] = input?.value ?? input?.selected_date ?? input?.selected_option?.value ?? '';
  }
  return values;
}

/**
 * Checks the whole form through the core's intake (the same checks as Telegram's one-field
 * steps). Invalid fields come back as Slack's `response_action: 'errors'` map (block id →
 * reason, in the requester's language).
 */
export function validateForm(
  values: FormValues,
  lang: Lang,
): { ok: true; input: TicketInput } | { ok: false; errors: Record<string, string> } {
  const { view } = advance(beginIntake().state, { kind: 'form', values }, { today: new Date() });
  if (view.kind === 'summary') return { ok: true, input: view.input };
  const reasons = view.kind === 'invalid' ? view.reasons : {};
  return {
    ok: false,
    errors: Object.fromEntries(
      Object.entries(reasons).map(([field, reason]) => [field, fieldReason(reason, lang)]),
    ),
  };
}

/** The input as form values again, for "Back". */
export function inputValues(input: TicketInput): FormValues {
  return { ...input };
}

/** The summary lines of an input, in the requester's language. */
export function summaryFields(input: TicketInput, lang: Lang): Array<[string, string]> {
  const none = t('none', lang);
  return [
    [fieldLabels.company[lang], input.company],
    [fieldLabels.contactName[lang], input.contactName],
    [fieldLabels.contact[lang], input.contact],
    [fieldLabels.market[lang], input.market],
    [fieldLabels.ipType[lang], ipTypeLabels[input.ipType][lang]],
    [fieldLabels.disputeType[lang], disputeLabels[input.disputeType][lang]],
    [fieldLabels.deadline[lang], input.deadline ?? none],
  ];
}

export const BACK_ACTION = 'iprisk_ticket_back';

/** The summary to confirm: Submit sends it, Back returns to the form with everything filled in. */
export function confirmView(lang: Lang, draftId: string, input: TicketInput): ModalView {
  const fields = summaryFields(input, lang).map(([label, value]) =>
    mrkdwn(clip(`*${label}*\n${escapeMrkdwn(value)}`, 2000)),
  );
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(t('confirmIntro', lang)) },
    { type: 'section', fields: fields.slice(0, 10) },
    ...splitText(`*${fieldLabels.description[lang]}*\n${escapeMrkdwn(input.description)}`, SECTION_MAX).map(
      (text): KnownBlock => ({ type: 'section', text: mrkdwn(text) }),
    ),
  ];
  if (input.question)
    blocks.push({
      type: 'section',
      text: mrkdwn(clip(`*${fieldLabels.question[lang]}*\n${escapeMrkdwn(input.question)}`, SECTION_MAX)),
    });
  blocks.push(
    { type: 'context', elements: [mrkdwn(t('confirmPrivacy', lang))] },
    {
      type: 'actions',
      block_id: 'iprisk_ticket_confirm_actions',
      elements: [{ type: 'button', action_id: BACK_ACTION, text: plain(t('back', lang)), value: draftId }],
    },
  );
  return {
    type: 'modal',
    callback_id: VIEW.confirm,
    private_metadata: JSON.stringify({ lang, draftId } satisfies FormMeta),
    title: plain(t('confirmTitle', lang)),
    submit: plain(t('submit', lang)),
    close: plain(t('cancel', lang)),
    blocks,
  };
}

/** A modal that only says something: sending, saved, not saved, expired. */
export function messageView(lang: Lang, text: string): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW.status,
    title: plain(t('title', lang)),
    close: plain(t('close', lang)),
    blocks: [{ type: 'section', text: mrkdwn(clip(text, SECTION_MAX)) }],
  };
}

/** Staff modals: the message for "Ask for information" and the text for "Reply". */
export function staffMessageView(kind: 'ask' | 'reply', ticketId: string): ModalView {
  const ask = kind === 'ask';
  return {
    type: 'modal',
    callback_id: ask ? VIEW.ask : VIEW.reply,
    private_metadata: ticketId,
    title: plain(ask ? 'Ask for information' : 'Reply to requester'),
    submit: plain(ask ? 'Send request' : 'Send reply'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'context',
        elements: [
          mrkdwn(
            ask
              ? `*${ticketId}* becomes _needs-info_; the requester gets this message in their DM and can answer in its thread.`
              : `Sent to the requester of *${ticketId}* in their DM; their answers come back into the card's thread.`,
          ),
        ],
      },
      {
        type: 'input',
        block_id: 'message',
        label: plain(ask ? 'What do you need from them?' : 'Your reply'),
        element: { type: 'plain_text_input', action_id: INPUT, multiline: true, max_length: 3000 },
      },
    ],
  };
}

export function parseMeta(raw: string): FormMeta {
  try {
    const meta = JSON.parse(raw) as Partial<FormMeta>;
    return {
      lang: meta.lang === 'zh' ? 'zh' : 'en',
      ...(typeof meta.draftId === 'string' ? { draftId: meta.draftId } : {}),
    };
  } catch {
    return { lang: 'en' };
  }
}
