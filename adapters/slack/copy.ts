import { assistance } from '../../src/copy/product.ts';
import { detectLang, type Lang } from '../../src/text/lang.ts';

/**
 * What the adapter itself says, in both answer languages. The answers come from the core; these
 * are only the labels, confirmations and refusals around them.
 */
export const copy = {
  sources: { en: 'Sources', zh: '来源' },
  question: { en: 'Question', zh: '问题' },
  voteUp: { en: '👍 Helpful', zh: '👍 有帮助' },
  voteDown: { en: '👎 Not helpful', zh: '👎 没帮助' },
  requestAssistance: assistance.action,
  share: { en: 'Share in channel', zh: '分享到频道' },
  sharedBy: { en: (user: string) => `Shared by <@${user}>`, zh: (user: string) => `由 <@${user}> 分享` },
  expired: {
    en: 'That answer is too old to rate or share now; please ask again.',
    zh: '这个回答已过期，无法评价或分享，请重新提问。',
  },
  emptyQuestion: {
    en: 'Ask me about overseas IP risk, e.g. “What is the Section 337 response deadline?”',
    zh: '请直接提问海外知识产权风险问题，例如“美国337调查的答辩期限是多久？”',
  },
  failed: {
    en: 'Sorry, something went wrong while answering. Please try again in a moment.',
    zh: '抱歉，回答时出了问题，请稍后再试。',
  },
  unavailable: {
    en: 'I cannot answer right now; please try again in a few minutes.',
    zh: '暂时无法回答，请几分钟后再试。',
  },
  notInChannel: {
    en: 'I am not a member of this channel; invite me first (/invite @iprisk).',
    zh: '我还不在这个频道中，请先邀请我(/invite @iprisk)。',
  },
} as const;

/**
 * How to use the bot: the reply to `/iprisk`, `/iprisk help` and a greeting or "help" anywhere.
 * In both languages, since "help" or a bare /iprisk says nothing about which one the user reads.
 */
export const usage = [
  '`/iprisk <question>` — a private answer you can share in the channel, e.g. `/iprisk What is the Section 337 response deadline?`',
  '`/iprisk <问题>` — 仅自己可见的回答，可分享到频道。',
  '`/iprisk assist` (`/iprisk 援助`) — request help from the experts for an actual dispute. / 申请专家协助处理实际纠纷。',
  '`/iprisk mytickets` (`/iprisk 我的申请`) — your assistance requests and their status. / 查看您的协助申请及状态。',
  '`/iprisk follow VN US` (`/iprisk 关注 越南 美国`) — get told when rules change in your markets; also `profile`, `unfollow`, `forget`. / 关注市场，规则变化时通知您。',
  '`/iprisk warnings` (`/iprisk 预警`) — the latest risk warnings for your markets. / 您关注市场的最新风险预警。',
  '`/iprisk check` (`/iprisk 风险自查`) — pre-export risk check: a short form, then a cited checklist. / 出口前风险自查：填写简短表单，得到附来源的清单。',
  'You can also mention me in a channel or send me a direct message. / 也可以在频道中 @我 或直接私信我。',
].join('\n');

export type CopyKey = keyof typeof copy;

export function say(key: Exclude<CopyKey, 'sharedBy'>, lang: Lang): string {
  return copy[key][lang];
}

/** The language for the adapter's own notices about a piece of user text. */
export function langOf(text: string | undefined): Lang {
  return text && text.trim() !== '' ? detectLang(text) : 'en';
}
