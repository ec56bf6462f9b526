import { reasonIn } from '../../src/copy/field-reasons.ts';
import { statusName } from '../../src/copy/requests.ts';
import type { Lang } from '../../src/text/lang.ts';
import { disputeLabels, ipTypeLabels, ticketFieldOrder } from '../../src/triage/labels.ts';
import type {
  DisputeType,
  Ticket,
  TicketField,
  TicketStatus,
  ticketIpTypes,
} from '../../src/triage/ticket.ts';
import { escapeHtml } from './format.ts';

type Both = Record<Lang, string>;
export type IpType = (typeof ticketIpTypes)[number];

export { disputeLabels, ipTypeLabels } from '../../src/triage/labels.ts';
/** The order the intake asks in. */
export const intakeFields = ticketFieldOrder;

export const fieldLabels: Record<TicketField, Both> = {
  company: { en: 'Company', zh: '企业名称' },
  contactName: { en: 'Contact person', zh: '联系人' },
  contact: { en: 'Email or phone', zh: '邮箱或电话' },
  market: { en: 'Market', zh: '涉及市场' },
  ipType: { en: 'IP type', zh: '知识产权类型' },
  disputeType: { en: 'Dispute type', zh: '纠纷类型' },
  deadline: { en: 'Key deadline', zh: '关键期限' },
  description: { en: 'What happened', zh: '情况说明' },
  question: { en: 'Your question', zh: '咨询的问题' },
};

const prompts: Record<TicketField, Both> = {
  company: { en: 'What is the name of your company?', zh: '请填写企业名称。' },
  contactName: { en: 'Who is the contact person?', zh: '请填写联系人姓名。' },
  contact: {
    en: 'An email address or phone number where the experts can reach you. Only the experts handling your request see it.',
    zh: '请填写联系邮箱或电话。仅处理您申请的专家可见。',
  },
  market: {
    en: 'Which country or market is the dispute in? (e.g. US, Germany, Vietnam)',
    zh: '纠纷涉及哪个国家或市场？（如美国、德国、越南）',
  },
  ipType: { en: 'Which kind of IP is concerned?', zh: '涉及哪类知识产权？' },
  disputeType: { en: 'What kind of dispute is it?', zh: '属于哪类纠纷？' },
  deadline: {
    en: 'Is there a key deadline (e.g. the response date in a complaint, the end of a TRO, a customs deadline)? Send it as YYYY-MM-DD, or “none”.',
    zh: '是否有关键期限（如起诉书中的答辩日期、临时禁令到期日、海关期限）？请按 YYYY-MM-DD 格式填写，没有请回复“无”。',
  },
  description: {
    en: 'Describe what happened: what you received (complaint, letter, notice), when and from whom, and the products concerned.',
    zh: '请说明情况：收到了什么（起诉书、律师函、通知）、何时收到、来自谁，以及涉及的产品。',
  },
  question: {
    en: 'Which question brought you here? Optional: send it, or “skip”.',
    zh: '您想咨询的问题是什么？可选：直接发送，或回复“跳过”。',
  },
};

export function fieldReason(field: TicketField, reason: string, lang: Lang): string {
  if (field === 'ipType' || field === 'disputeType') return intakeTexts.pickOne[lang];
  // In a chat "leave it empty" means answering "none".
  if (field === 'deadline' && reason.startsWith('Give the date'))
    return lang === 'zh'
      ? '日期格式应为 YYYY-MM-DD；没有期限请回复“无”。'
      : 'Give the date as YYYY-MM-DD, or “none”.';
  return reasonIn(reason, lang);
}

export const intakeTexts = {
  intro: {
    en: '<b>Request assistance from the experts</b>\nI will ask 9 short questions. Send “back” to change the previous answer, “cancel” (or /cancel) to stop at any time.',
    zh: '<b>申请专家协助</b>\n接下来有 9 个简短问题。回复“返回”可修改上一项，回复“取消”（或 /cancel）可随时退出。',
  },
  step: { en: 'Step', zh: '第' },
  pickOne: { en: 'Choose one of the buttons below.', zh: '请点选下方的一个选项。' },
  textPlease: { en: 'Please answer in text.', zh: '请以文字回答。' },
  useButtons: {
    en: 'Use the buttons under the summary: Submit, Edit or Cancel.',
    zh: '请使用摘要下方的按钮：提交、修改或取消。',
  },
  summaryTitle: { en: '<b>Please check your request</b>', zh: '<b>请核对您的申请</b>' },
  summaryHint: {
    en: 'Nothing is sent until you press Submit.',
    zh: '点击“提交”之前不会发送任何内容。',
  },
  submit: { en: '✅ Submit', zh: '✅ 提交' },
  edit: { en: '✏️ Edit', zh: '✏️ 修改' },
  cancel: { en: '✖️ Cancel', zh: '✖️ 取消' },
  editWhich: { en: 'Which part do you want to change?', zh: '要修改哪一项？' },
  backToSummary: { en: '← Back to the summary', zh: '← 返回摘要' },
  none: { en: 'No deadline', zh: '无期限' },
  skip: { en: 'Skip', zh: '跳过' },
  keep: { en: 'Keep it', zh: '保留' },
  cancelled: {
    en: 'Request cancelled; nothing was sent.',
    zh: '已取消，未提交任何内容。',
  },
  nothingToCancel: { en: 'There is nothing to cancel.', zh: '当前没有可取消的内容。' },
  alreadyActive: {
    en: 'You are already filling in an assistance request: answer the question above, or send /cancel.',
    zh: '您正在填写协助申请：请回答上面的问题，或发送 /cancel 取消。',
  },
  formGone: {
    en: 'This form is no longer active. Send /assist to start again.',
    zh: '该表单已失效。请发送 /assist 重新开始。',
  },
  idle: {
    en: 'Your unfinished assistance request was discarded after an hour without an answer. Send /assist to start again.',
    zh: '您未完成的协助申请因一小时未回复已作废。如需申请，请重新发送 /assist。',
  },
  myTicketsHint: { en: 'Your requests: /mytickets', zh: '查看您的申请：/mytickets' },
  privateOnly: {
    en: 'Contact details should not be posted in a group: to request assistance, message me privately.',
    zh: '联系方式不宜在群内公开：请私聊我提交协助申请。',
  },
  openPrivate: { en: 'Request assistance privately', zh: '私聊申请专家协助' },
} as const satisfies Record<string, Both>;

export function fieldPrompt(
  field: TicketField,
  position: number,
  lang: Lang,
  options: { prefill?: string; notice?: string },
): string {
  const header =
    lang === 'zh'
      ? `<b>第 ${position}/${intakeFields.length} 步</b>`
      : `<b>Step ${position}/${intakeFields.length}</b>`;
  const body =
    field === 'question' && options.prefill
      ? lang === 'zh'
        ? `您之前的提问：“${escapeHtml(options.prefill)}”\n可保留它、发送新的问题，或跳过。`
        : `The question you asked me: “${escapeHtml(options.prefill)}”\nKeep it, send a different one, or skip.`
      : prompts[field][lang];
  const notice = options.notice ? `⚠️ ${escapeHtml(options.notice)}\n` : '';
  return `${notice}${header} · ${body}`;
}

/** The value as the requester reads it: labels for the choices, "—" for an empty optional field. */
export function displayValue(field: TicketField, value: string | undefined, lang: Lang): string {
  if (value === undefined || value === '') return '—';
  if (field === 'ipType') return ipTypeLabels[value as IpType]?.[lang] ?? value;
  if (field === 'disputeType') return disputeLabels[value as DisputeType]?.[lang] ?? value;
  return value;
}

export function summaryText(values: Partial<Record<TicketField, string>>, lang: Lang): string {
  const lines = intakeFields.map(
    (field) =>
      `<b>${fieldLabels[field][lang]}${lang === 'zh' ? '：' : ':'}</b> ${escapeHtml(displayValue(field, values[field], lang))}`,
  );
  return [intakeTexts.summaryTitle[lang], ...lines, '', `<i>${intakeTexts.summaryHint[lang]}</i>`].join('\n');
}

/** What a requester may type instead of pressing a button: the key, or its label in either language. */
export function choiceFromText(field: 'ipType' | 'disputeType', text: string): string {
  const wanted = text.trim().toLowerCase();
  const labels: Record<string, Both> = field === 'ipType' ? ipTypeLabels : disputeLabels;
  for (const [key, both] of Object.entries(labels))
    if (key === wanted || both.en.toLowerCase() === wanted || both.zh === wanted) return key;
  return text.trim();
}

export const ticketsTexts = {
  title: { en: '<b>Your assistance requests</b>', zh: '<b>您的协助申请</b>' },
  none: {
    en: 'You have no assistance requests. Send /assist to start one.',
    zh: '您还没有协助申请。发送 /assist 即可提交。',
  },
  privateOnly: {
    en: 'Your assistance requests are private: send /mytickets to me in a private chat.',
    zh: '协助申请属于个人信息：请在私聊中向我发送 /mytickets。',
  },
} as const satisfies Record<string, Both>;

export function ticketListLine(t: Ticket, lang: Lang): string {
  // The company tells two requests of the same kind apart.
  return `<code>${escapeHtml(t.id)}</code> · ${statusName(t.status, lang)} · ${disputeLabels[t.input.disputeType][lang]} · ${escapeHtml(t.input.company)} · ${t.createdAt.slice(0, 10)}`;
}

/** The staff side (a staff chat) is in English, like the ticket card it works on. */
export const staffTexts = {
  claim: '🙋 Claim',
  askInfo: '❓ Ask for info',
  status: '🔄 Status',
  reply: '💬 Reply',
  back: '← Back',
  refused: 'Sorry, only the experts listed in TELEGRAM_ADMIN_IDS can act on assistance requests.',
  staffChatOnly: 'Ticket buttons work on the card in the staff chat, where everyone sees what was done.',
  notFound: 'No such assistance request (closed ones expire after the retention period).',
  noStatus: 'A closed request cannot change status.',
  prompted: 'Reply to the message I just posted.',
  truncated: '(shortened to fit a Telegram message; `iprisk tickets show <id>` prints it all)',
};

export const statusButton = (status: TicketStatus) => `→ ${status}`;

export function staffPrompt(action: 'info' | 'reply', id: string, mention: string): string {
  return action === 'info'
    ? `❓ ${mention}, reply to this message with what <b>${escapeHtml(id)}</b> needs from the requester.`
    : `💬 ${mention}, reply to this message with your answer to the requester of <b>${escapeHtml(id)}</b>.`;
}

export function staffDone(action: 'info' | 'reply', id: string): string {
  return action === 'info'
    ? `✅ ${escapeHtml(id)}: asked the requester for more information.`
    : `✅ Sent to the requester of ${escapeHtml(id)}.`;
}

export function reminderText(t: Ticket): string {
  return `⏰ <b>${escapeHtml(t.id)}</b> untouched past its SLA (${t.priority.level}, ${t.status})`;
}

export function threadText(t: Ticket, text: string): string {
  return `💬 <b>${escapeHtml(t.id)}</b>\n${escapeHtml(text)}`;
}
