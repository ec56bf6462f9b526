import type { Lang } from '../text/lang.ts';

/** What a user is told after pressing 👍 or 👎, on every platform. */
export const voteReplies: Record<'recorded' | 'changed' | 'unchanged' | 'expired', Record<Lang, string>> = {
  expired: {
    en: 'This answer is too old for its buttons; please ask again.',
    zh: '这个回答时间太久，按钮已失效，请重新提问。',
  },
  recorded: { en: 'Thanks for your feedback!', zh: '感谢您的反馈！' },
  changed: { en: 'Your rating is changed. Thanks!', zh: '已更改您的评价，谢谢！' },
  unchanged: { en: 'You already gave this answer that rating.', zh: '您已给过这个回答同样的评价。' },
};
