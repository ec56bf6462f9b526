import type { Notice } from '../alerts/notice.ts';
import type { Segments } from '../alerts/segments.ts';
import type { MarketTable } from '../knowledge/markets.ts';
import type { Lang } from '../text/lang.ts';
import { ipTypeLabels } from '../triage/labels.ts';

/** What a notice needs to name its audience. */
export interface NoticeNames {
  markets: MarketTable;
  segments: Segments;
}

const sep = (lang: Lang) => (lang === 'zh' ? '、' : ', ');

/** "Vietnam", "United States · Lighting", "RCEP": who the notice is about. */
export function audienceLabel(notice: Pick<Notice, 'audience'>, lang: Lang, names: NoticeNames): string {
  const { markets, ipTypes, segments } = notice.audience;
  const parts = [
    markets.map((code) => (names.markets.has(code) ? names.markets.name(code, lang) : code)).join(sep(lang)),
    segments.map((id) => names.segments.find((s) => s.id === id)?.[lang][0] ?? id).join(sep(lang)),
    ipTypes.map((type) => ipTypeLabels[type as keyof typeof ipTypeLabels]?.[lang] ?? type).join(sep(lang)),
  ];
  return parts.filter((part) => part.length > 0).join(' · ');
}

const heads = {
  change: { en: '📢 Rule change', zh: '📢 规则变化' },
  warning: { en: '⚠️ Risk warning', zh: '⚠️ 风险预警' },
} as const;

export const noticeCopy = {
  /** The notice as a follower reads it, plain text (adapters escape and add the buttons). */
  message(notice: Notice, lang: Lang, names: NoticeNames): string {
    const text = notice.text[lang];
    const lines = [`${heads[notice.kind][lang]} · ${audienceLabel(notice, lang, names)}`, text.summary];
    if (text.fact) lines.push(lang === 'zh' ? `现行规定：${text.fact}` : `Now: ${text.fact}`);
    if (text.citation) lines.push(lang === 'zh' ? `来源：${text.citation}` : `Source: ${text.citation}`);
    lines.push(
      lang === 'zh'
        ? '您关注了相关市场或行业，所以收到此通知；点“不再接收”即可退订。'
        : 'You get this because you follow this market or industry; tap “Stop notices” to opt out.',
    );
    return lines.join('\n');
  },
  ask: { en: 'Ask about this', zh: '就此提问' },
  stop: { en: 'Stop notices', zh: '不再接收' },
  optedOut: (lang: Lang, command: string) =>
    lang === 'zh'
      ? `已退订：您的关注信息已删除，不会再收到通知。想重新关注可发送 ${command}。`
      : `Done: you will get no more notices, and what you followed is deleted. Send ${command} to start again.`,
  expired: {
    en: 'This notice is no longer available; ask your question directly.',
    zh: '此通知已过期，请直接提问。',
  },
  /** /warnings: the latest warnings for this follower (or everyone), newest first. */
  warnings(list: Notice[], lang: Lang, names: NoticeNames): string {
    if (list.length === 0)
      return lang === 'zh' ? '目前没有风险预警。' : 'There are no risk warnings at the moment.';
    const head = lang === 'zh' ? '最新风险预警：' : 'Latest risk warnings:';
    const items = list.map(
      (notice) =>
        `• ${notice.createdAt.slice(0, 10)} · ${audienceLabel(notice, lang, names)}\n  ${notice.text[lang].summary}`,
    );
    return [head, ...items].join('\n');
  },
} as const;
