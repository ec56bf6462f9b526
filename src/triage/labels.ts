import type { Lang } from '../text/lang.ts';
import type { DisputeType, TicketField, ticketIpTypes } from './ticket.ts';

type Both = Record<Lang, string>;

/** The order a request is filled in, on every platform. */
export const ticketFieldOrder: readonly TicketField[] = [
  'company',
  'contactName',
  'contact',
  'market',
  'ipType',
  'disputeType',
  'deadline',
  'description',
  'question',
];

/** The dispute types as people name them; forms show these, the ticket stores the key. */
export const disputeLabels: Record<DisputeType, Both> = {
  'section-337': { en: 'Section 337 (US ITC)', zh: '美国337调查' },
  'us-lawsuit': { en: 'US lawsuit', zh: '美国诉讼' },
  'schedule-a': { en: 'Schedule A / asset freeze', zh: 'Schedule A 案件 / 资金冻结' },
  'customs-detention': { en: 'Customs detention', zh: '海关扣留' },
  'platform-takedown': { en: 'Platform takedown', zh: '电商平台投诉下架' },
  'warning-letter': { en: 'Warning letter', zh: '警告函 / 律师函' },
  'trademark-squatting': { en: 'Trademark squatting', zh: '商标抢注' },
  'trade-fair': { en: 'Trade fair', zh: '展会纠纷' },
  other: { en: 'Other', zh: '其他' },
};

export const ipTypeLabels: Record<(typeof ticketIpTypes)[number], Both> = {
  patent: { en: 'Patent', zh: '专利' },
  trademark: { en: 'Trademark', zh: '商标' },
  design: { en: 'Design', zh: '外观设计' },
  copyright: { en: 'Copyright', zh: '著作权 / 版权' },
  'trade-secret': { en: 'Trade secret', zh: '商业秘密' },
  domain: { en: 'Domain name', zh: '域名' },
  other: { en: 'Other', zh: '其他' },
};

/** The IP types a user can follow or a warning can name ("other" names none). */
export const namedIpTypes = Object.keys(ipTypeLabels).filter((type) => type !== 'other');
