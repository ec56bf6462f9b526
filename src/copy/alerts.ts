import { namesNothing } from '../alerts/audience.ts';
import type { FollowProfile } from '../alerts/follow-store.ts';
import type { Segments } from '../alerts/segments.ts';
import type { MarketTable } from '../knowledge/markets.ts';
import type { Lang } from '../text/lang.ts';
import { ipTypeLabels } from '../triage/labels.ts';

/** What /follow, /unfollow, /profile and /forget say, in both languages, on every platform. */
export interface FollowNames {
  markets: MarketTable;
  segments: Segments;
  /** How the platform's user types the follow command: /follow on Telegram, /iprisk follow on Slack. */
  command: string;
}

function describe(profile: FollowProfile, lang: Lang, names: FollowNames): string {
  const list = (items: string[]) => items.join(lang === 'zh' ? '、' : ', ');
  const markets = list(profile.markets.map((code) => `${names.markets.name(code, lang)} (${code})`));
  const ip = list(profile.ipTypes.map((t) => ipTypeLabels[t as keyof typeof ipTypeLabels]?.[lang] ?? t));
  const segments = list(
    profile.segments.map((id) => names.segments.find((s) => s.id === id)?.[lang][0] ?? id),
  );
  const lines =
    lang === 'zh'
      ? [
          `关注的市场：${markets || '无'}`,
          ...(ip ? [`知识产权类型：${ip}`] : []),
          ...(segments ? [`行业：${segments}`] : []),
        ]
      : [
          `Markets: ${markets || 'none'}`,
          ...(ip ? [`IP types: ${ip}`] : []),
          ...(segments ? [`Industry: ${segments}`] : []),
        ];
  return lines.join('\n');
}

export const followCopy = {
  followed(profile: FollowProfile, lang: Lang, names: FollowNames, unknown: string[]): string {
    const head =
      lang === 'zh'
        ? '已关注。这些市场的规则变化时，我会通知您（每条通知都可退订）。'
        : 'Following. When a rule changes in these markets I will tell you (every notice has an opt-out).';
    const notUnderstood = unknown.length
      ? lang === 'zh'
        ? `\n未能识别：${unknown.join('、')}`
        : `\nNot recognised: ${unknown.join(', ')}`
      : '';
    return `${head}\n${describe(profile, lang, names)}${notUnderstood}`;
  },
  unfollowed(profile: FollowProfile, lang: Lang, names: FollowNames): string {
    return `${lang === 'zh' ? '已更新关注。' : 'Updated.'}\n${describe(profile, lang, names)}`;
  },
  profile(profile: FollowProfile | undefined, lang: Lang, names: FollowNames): string {
    if (!profile || namesNothing(profile)) return followCopy.notFollowing(lang, names.command);
    return `${lang === 'zh' ? '您的关注：' : 'You follow:'}\n${describe(profile, lang, names)}`;
  },
  notFollowing: (lang: Lang, command: string) =>
    lang === 'zh'
      ? `您还没有关注任何市场。例如：${command} VN US（也可写“德国”“越南”），还可加知识产权类型或行业：${command} 美国 商标 照明`
      : `You follow nothing yet. Try: ${command} VN US (or names such as Germany, 越南), optionally an IP type or industry: ${command} US trademark lighting`,
  nothingToFollow: (lang: Lang, command: string) =>
    lang === 'zh'
      ? `没有识别出市场、知识产权类型或行业。请用国家代码或名称，例如：${command} VN US 德国。`
      : `I did not recognise a market, IP type or industry there. Name markets by ISO code or name, e.g. ${command} VN US Germany.`,
  forgotten: {
    en: 'Done: everything you followed is deleted, and you will get no notices.',
    zh: '已删除您的全部关注信息，今后不会再收到通知。',
  },
  nothingToForget: {
    en: 'There was nothing to delete: you follow nothing.',
    zh: '没有可删除的信息：您没有关注任何内容。',
  },
} as const;
