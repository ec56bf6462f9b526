import type { Ticket, TicketStatus } from '../triage/ticket.ts';

const statusNames: Record<TicketStatus, { en: string; zh: string }> = {
  new: { en: 'received', zh: '已收到' },
  accepted: { en: 'accepted', zh: '已受理' },
  'needs-info': { en: 'waiting for more information from you', zh: '需要您补充材料' },
  'in-progress': { en: 'in progress', zh: '处理中' },
  answered: { en: 'answered', zh: '已答复' },
  closed: { en: 'closed', zh: '已关闭' },
};

/** What the requester is told, in their language. Contact details never appear here. */
export const requesterMessages = {
  submitted: (t: Ticket) =>
    t.requester.lang === 'zh'
      ? `已提交协助申请，编号 ${t.id}。专家会在这里回复您；如需补充材料会通知您。`
      : `Your assistance request ${t.id} is saved. The experts will reply here and tell you if they need more information.`,
  status: (t: Ticket) =>
    t.requester.lang === 'zh'
      ? `协助申请 ${t.id} 状态更新：${statusNames[t.status].zh}。`
      : `Assistance request ${t.id} is now ${statusNames[t.status].en}.`,
  needsInfo: (t: Ticket, message: string) =>
    t.requester.lang === 'zh'
      ? `协助申请 ${t.id} 需要补充信息：${message}\n请直接回复此消息。`
      : `Assistance request ${t.id} needs more information: ${message}\nReply to this message to answer.`,
  staffReply: (t: Ticket, text: string) =>
    t.requester.lang === 'zh' ? `【${t.id} 专家回复】${text}` : `[${t.id} reply from the experts] ${text}`,
  /** The requester's message went to the experts of this ticket. */
  relayed: (id: string, lang: 'zh' | 'en') =>
    lang === 'zh' ? `✉️ 已转交处理 ${id} 的专家。` : `✉️ Sent to the experts handling ${id}.`,
  /** Several requests wait for an answer: which one is meant must come from the requester. */
  chooseTicket: (ids: string[], lang: 'zh' | 'en') =>
    lang === 'zh'
      ? `您有多个协助申请在等待补充信息（${ids.join('、')}）。请回复（引用）关于其中一个申请的那条消息，这样专家才能收到。`
      : `Several of your assistance requests are waiting for information (${ids.join(', ')}). Reply to the message about the one you mean, so it reaches the right experts.`,
  /** A reply to a ticket message that can no longer take one. */
  noOpenTicket: (lang: 'zh' | 'en') =>
    lang === 'zh'
      ? '这个协助申请已关闭或不属于您，无法转交。如需帮助，请重新申请专家协助。'
      : 'That assistance request is closed or not yours, so this was not sent. Start a new request if you need help.',
  /** A file went to the experts of this ticket. */
  fileRelayed: (id: string, name: string, lang: 'zh' | 'en') =>
    lang === 'zh'
      ? `📎 已把文件“${name}”转交处理 ${id} 的专家。`
      : `📎 Sent “${name}” to the experts handling ${id}.`,
  /** Why a file was not passed on, and what would be. */
  fileRefused: (reason: 'too-large' | 'type', lang: 'zh' | 'en') =>
    reason === 'too-large'
      ? lang === 'zh'
        ? '文件超过20 MB，没有转交。请压缩或分成几个文件后再发送。'
        : 'That file is over 20 MB, so it was not sent. Please compress it or split it and send again.'
      : lang === 'zh'
        ? '这种文件类型无法转交。请发送PDF、图片（JPEG、PNG、WebP、HEIC）、Word、Excel或文本文件。'
        : 'That file type cannot be passed on. Please send PDF, images (JPEG, PNG, WebP, HEIC), Word, Excel or text files.',
  /** The platform would not hand over the requester's file. */
  fileUnreadable: (name: string, lang: 'zh' | 'en') =>
    lang === 'zh'
      ? `无法读取文件“${name}”，所以没有转交。请稍后重新发送。`
      : `“${name}” could not be read, so it was not sent. Please send it again in a moment.`,
  /** The file could not be put in front of the experts. */
  fileNotDelivered: (name: string, lang: 'zh' | 'en') =>
    lang === 'zh'
      ? `文件“${name}”暂时无法转交给专家，请稍后重新发送。`
      : `“${name}” could not be passed to the experts just now. Please send it again in a moment.`,
  /** A file arrived that is about no ticket. */
  fileWithoutTicket: (lang: 'zh' | 'en') =>
    lang === 'zh'
      ? '这个文件不属于任何进行中的协助申请，所以没有转交。请回复（引用）关于申请的那条消息再发送文件。'
      : 'This file is not about an open assistance request, so it was not sent. Reply to the message about your request and attach the file there.',
  /** A file from the experts. */
  staffFile: (t: Ticket, name: string) =>
    t.requester.lang === 'zh' ? `【${t.id} 专家发来文件】${name}` : `[${t.id} file from the experts] ${name}`,
  notSaved: (lang: 'zh' | 'en') =>
    lang === 'zh'
      ? '抱歉，您的协助申请暂时无法保存，没有提交成功。请稍后重试，或直接联系当地海外知识产权纠纷应对指导分中心。'
      : 'Sorry, your assistance request could not be saved, so it was not submitted. Please try again shortly, or contact your local overseas IP dispute guidance center branch directly.',
};

export function statusName(status: TicketStatus, lang: 'zh' | 'en'): string {
  return statusNames[status][lang];
}

/**
 * Staff mark a thread message for the requester with this prefix; anything else in a ticket's
 * thread is an internal note. Full-width colons from a Chinese keyboard count.
 */
const replyPrefix = /^\s*(?:reply|回复|答复)\s*[:：]\s*/iu;

/** The text for the requester when the staff message is marked as a reply, else undefined. */
export function staffReplyText(text: string): string | undefined {
  const match = replyPrefix.exec(text);
  return match ? text.slice(match[0].length).trim() : undefined;
}
