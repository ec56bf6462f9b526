import type { Lang } from '../text/lang.ts';

/** Fixed replies, in both languages, so every adapter says the same thing. */
export const phrases = {
  abstain: {
    en: "I don't have verified guidance on that. I can answer questions about overseas IP risk: US Section 337 and lawsuits, Amazon and Schedule A cases, customs detentions, trademark squatting, filing abroad and the markets listed in /help.",
    zh: '这个问题我没有经过核实的指引。我可以回答海外知识产权风险方面的问题：美国337调查和诉讼、亚马逊与Schedule A案件、海关扣留、商标抢注、海外申请布局，以及帮助中列出的市场。',
  },
  empty: {
    en: 'Please type your question, for example: "What is the response deadline in a Section 337 investigation?"',
    zh: '请输入您的问题，例如：“美国337调查的答辩期限是多久？”',
  },
  firstSteps: { en: 'First steps:', zh: '首先：' },
  sources: { en: 'Sources:', zh: '来源：' },
  assistance: {
    en: 'This sounds like an active dispute: deadlines may already be running. You can request assistance from the experts of an overseas IP dispute guidance center.',
    zh: '这听起来是正在发生的纠纷，期限可能已经开始计算。您可以申请海外知识产权纠纷应对指导中心的专家协助。',
  },
  assistanceAfterAbstain: {
    en: 'For a real case, the experts of an overseas IP dispute guidance center can help: request assistance.',
    zh: '如遇实际案件，海外知识产权纠纷应对指导中心的专家可以提供帮助：请申请专家协助。',
  },
  rateLimited: {
    en: 'You are sending questions faster than I can answer them well. Please wait a minute and ask again; for an urgent case, request assistance.',
    zh: '您提问的速度太快了，我来不及认真回答。请稍等一分钟再问；如情况紧急，请申请专家协助。',
  },
  disclaimer: {
    en: 'General information, not legal advice.',
    zh: '以上为一般性信息，不构成法律意见。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** The topics of the topic gate, as a reply names them. */
const topicNames: Record<string, Record<Lang, string>> = {
  litigation: { en: 'court cases', zh: '诉讼' },
  customs: { en: 'customs enforcement', zh: '海关执法' },
  'trade-fair': { en: 'trade fairs', zh: '展会纠纷' },
  'e-commerce': { en: 'online marketplaces', zh: '电商平台' },
};

function list(items: string[], lang: Lang): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** "We don't cover Argentina": which markets we do cover, in the question's language. */
export function marketNotCovered(lang: Lang, asked: string[], covered: string[]): string {
  if (lang === 'zh')
    return `我没有关于${list(asked, lang)}的经过核实的指引：知识库目前不涵盖该市场，我不会用其他国家的规则来回答。目前涵盖的市场有：${list(covered, lang)}，以及国际申请途径（马德里、PCT、海牙）。`;
  return `I don't have verified guidance on ${list(asked, lang)}: the knowledge base does not cover that market yet, and another country's rule would not answer for it. Markets covered: ${list(covered, lang)}, plus the international filing routes (Madrid, PCT, Hague).`;
}

/** "We cover Amazon's complaint process, not Coupang's." */
export function platformNotCovered(lang: Lang, asked: string[], covered: string[]): string {
  if (lang === 'zh')
    return `关于${list(asked, lang)}的投诉和申诉规则，我没有经过核实的指引，不会用其他平台的规则来回答。${covered.length > 0 ? `知识库涵盖的平台有：${list(covered, lang)}。` : ''}`;
  return `I don't have verified guidance on ${list(asked, lang)}'s complaint and appeal rules, and another platform's rules would not answer for it.${covered.length > 0 ? ` Platforms covered: ${list(covered, lang)}.` : ''}`;
}

/** "We cover Japan, but not its court cases." */
export function topicNotCovered(lang: Lang, markets: string[], topic: string, covered: string[]): string {
  const name = topicNames[topic]?.[lang] ?? topic;
  const topics = covered.map((t) => topicNames[t]?.[lang]).filter((t): t is string => t !== undefined);
  if (lang === 'zh')
    return `关于${list(markets, lang)}的${name}，我没有经过核实的指引，不会用其他市场的规则来回答。${topics.length > 0 ? `关于${list(markets, lang)}，知识库涵盖：${list(topics, lang)}以及商标和专利申请。` : ''}`;
  return `I don't have verified guidance on ${name} in ${list(markets, lang)}, and another market's rule would not answer for it.${topics.length > 0 ? ` For ${list(markets, lang)} the knowledge base covers ${list(topics, lang)} and filing trademarks and patents.` : ''}`;
}
