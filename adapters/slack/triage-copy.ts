import { reasonIn } from '../../src/copy/field-reasons.ts';
import { assistance } from '../../src/copy/product.ts';
import type { Lang } from '../../src/text/lang.ts';
import { fieldReasons, type TicketField } from '../../src/triage/ticket.ts';

type Both = Record<Lang, string>;

export { disputeLabels, ipTypeLabels } from '../../src/triage/labels.ts';

export const fieldLabels: Record<TicketField, Both> = {
  company: { en: 'Company', zh: '企业名称' },
  contactName: { en: 'Contact person', zh: '联系人' },
  contact: { en: 'Email or phone', zh: '邮箱或电话' },
  market: { en: 'Market (country)', zh: '涉及市场（国家/地区）' },
  ipType: { en: 'IP type', zh: '知识产权类型' },
  disputeType: { en: 'Dispute type', zh: '纠纷类型' },
  deadline: { en: 'Key deadline, if any', zh: '关键期限（如有）' },
  description: { en: 'What happened', zh: '情况说明' },
  question: { en: 'The question that led here, if any', zh: '咨询的问题（如有）' },
};

export const fieldHints: Partial<Record<TicketField, Both>> = {
  contact: {
    en: 'Only the experts handling your request see this.',
    zh: '仅处理您申请的专家可见。',
  },
  deadline: {
    en: 'E.g. the response date in a complaint, the end of a TRO, a customs deadline.',
    zh: '例如起诉书中的答辩日期、临时禁令到期日、海关期限。',
  },
  description: {
    en: 'What you received (complaint, letter, notice), when and from whom, and the products concerned.',
    zh: '收到了什么（起诉书、律师函、通知）、何时收到、来自谁，以及涉及的产品。',
  },
};

/** Slack's deadline is a date picker: "none" cannot be typed there, the date is cleared instead. */
const pickerDeadlinePassed: Both = {
  en: 'That date has passed: pick the next deadline, or clear the date when there is no deadline.',
  zh: '该日期已过：请选择下一个期限；如已没有期限，请清空日期。',
};

/** A field check's reason in the requester's language, worded for Slack's form. */
export function fieldReason(reason: string, lang: Lang): string {
  return reason === fieldReasons.deadlinePassed ? pickerDeadlinePassed[lang] : reasonIn(reason, lang);
}

/** Everything else the intake and the requester's side say. */
export const intakeCopy = {
  title: assistance.action,
  confirmTitle: { en: 'Check and submit', zh: '确认并提交' },
  next: { en: 'Next', zh: '下一步' },
  submit: { en: 'Submit', zh: '提交' },
  cancel: { en: 'Cancel', zh: '取消' },
  close: { en: 'Close', zh: '关闭' },
  back: { en: '← Back', zh: '← 返回修改' },
  choose: { en: 'Choose…', zh: '请选择…' },
  intro: {
    en:
      'Experts of the overseas IP dispute guidance center （海外知识产权纠纷应对指导中心） review each ' +
      'request, free of charge. The most pressing deadlines are handled first.',
    zh: '海外知识产权纠纷应对指导中心的专家会逐一查看申请，免费提供指导。期限最紧迫的申请优先处理。',
  },
  confirmIntro: {
    en: '*Please check your request.* Use *Back* to change something, *Submit* to send it.',
    zh: '*请核对您的申请。* 需要修改请点 *返回修改*，确认无误请点 *提交*。',
  },
  confirmPrivacy: {
    en: 'Your contact details are shown only to the experts handling the request. You will get its id in a direct message from iprisk once it is saved.',
    zh: '您的联系方式仅对处理申请的专家可见。申请保存后,iprisk 会通过私信告诉您申请编号。',
  },
  none: { en: '—', zh: '—' },
  sending: {
    en: 'Sending your request… Its id will come in a direct message from iprisk as soon as it is saved.',
    zh: '正在提交您的申请…… 保存成功后,iprisk 会通过私信告诉您申请编号。',
  },
  saved: {
    en: (id: string) =>
      `Your request *${id}* is saved. The experts will write to you in your direct messages with iprisk.`,
    zh: (id: string) => `您的申请 *${id}* 已保存。专家会通过与 iprisk 的私信联系您。`,
  },
  failed: {
    en: 'Sorry, something went wrong, and the request was not submitted. Please try again in a moment.',
    zh: '抱歉，出了问题，申请没有提交成功。请稍后再试。',
  },
  draftNotSaved: {
    en: 'Your request could not be kept for the next step right now (storage unavailable); nothing was submitted. Please press Next again in a moment.',
    zh: '暂时无法暂存您的申请（存储不可用），尚未提交。请稍后再次点击“下一步”。',
  },
  expired: {
    en: 'This form has expired. Please start again with /iprisk assist.',
    zh: '此表单已过期，请使用 /iprisk assist 重新填写。',
  },
  replyHint: {
    en: '↩️ Reply in this message’s thread to write to the experts.',
    zh: '↩️ 在此消息的话题(thread)中回复，即可转给专家。',
  },
  myTicketsTitle: { en: 'Your assistance requests', zh: '您的协助申请' },
  myTicketsNone: {
    en: 'You have no assistance requests. Start one with /iprisk assist.',
    zh: '您还没有协助申请。可使用 /iprisk assist 提交。',
  },
  created: { en: 'created', zh: '提交于' },
} as const;

type Plain = {
  [K in keyof typeof intakeCopy]: (typeof intakeCopy)[K] extends Record<Lang, string> ? K : never;
}[keyof typeof intakeCopy];

export function t(key: Plain, lang: Lang): string {
  return intakeCopy[key][lang];
}
