import type { Lang } from '../text/lang.ts';

/** What a user is told after pressing 👍 or 👎, on every platform. */
export const voteReplies: Record<'recorded' | 'changed' | 'unchanged', Record<Lang, string>> = {
  recorded: { en: 'Thanks for your feedback!', zh: '感谢您的反馈！' },
  changed: { en: 'Your rating is changed. Thanks!', zh: '已更改您的评价，谢谢！' },
  unchanged: { en: 'You already gave this answer that rating.', zh: '您已给过这个回答同样的评价。' },
};
