import type { Ticket, TicketStatus } from './ticket.ts';

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
      ? `已提交援助申请，编号 ${t.id}。专家会在这里回复您；如需补充材料会通知您。`
      : `Your assistance request ${t.id} is saved. The experts will reply here and tell you if they need more information.`,
  status: (t: Ticket) =>
    t.requester.lang === 'zh'
      ? `援助申请 ${t.id} 状态更新：${statusNames[t.status].zh}。`
      : `Assistance request ${t.id} is now ${statusNames[t.status].en}.`,
  needsInfo: (t: Ticket, message: string) =>
    t.requester.lang === 'zh'
      ? `援助申请 ${t.id} 需要补充信息：${message}\n请直接回复此消息。`
      : `Assistance request ${t.id} needs more information: ${message}\nReply to this message to answer.`,
  staffReply: (t: Ticket, text: string) =>
    t.requester.lang === 'zh' ? `【${t.id} 专家回复】${text}` : `[${t.id} reply from the experts] ${text}`,
  notSaved: (lang: 'zh' | 'en') =>
    lang === 'zh'
      ? '抱歉，您的援助申请暂时无法保存，没有提交成功。请稍后重试，或直接联系当地海外知识产权纠纷应对指导分中心。'
      : 'Sorry, your assistance request could not be saved, so it was not submitted. Please try again shortly, or contact your local overseas IP dispute guidance center branch directly.',
};

export function statusName(status: TicketStatus, lang: 'zh' | 'en'): string {
  return statusNames[status][lang];
}
