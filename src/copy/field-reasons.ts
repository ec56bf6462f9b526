import type { Lang } from '../text/lang.ts';
import { fieldReasons } from '../triage/ticket.ts';

/** checkField's reasons are English; the same reasons for Chinese-speaking requesters. */
const zhReasons: Record<string, string> = {
  'Give the company name (at least 2 characters).': '请填写企业名称（至少2个字符）。',
  'Give a contact person (at least 2 characters).': '请填写联系人（至少2个字符）。',
  'Give an email address or a phone number.': '请填写有效的邮箱地址或电话号码。',
  'Name the country or market (e.g. US, Germany, 越南).': '请填写国家或市场（如美国、德国、越南）。',
  'Give the date as YYYY-MM-DD, or leave it empty if there is none.':
    '日期格式应为 YYYY-MM-DD；没有期限可留空。',
  'That date does not exist.': '该日期不存在。',
  [fieldReasons.description]: '请用一两句话说明纠纷情况（至少5个汉字或10个字母）。',
  [fieldReasons.deadlinePassed]: '该日期已过；请填写下一个期限，如已没有期限则填“无”。',
};

/** A field check's reason in the requester's language. */
export function reasonIn(reason: string, lang: Lang): string {
  return lang === 'zh' ? (zhReasons[reason] ?? reason) : reason;
}
