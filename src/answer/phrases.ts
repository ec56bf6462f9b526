import type { Lang } from '../text/lang.ts';

/** Fixed replies, in both languages, so every adapter says the same thing. */
export const phrases = {
  abstain: {
    en: "I don't have verified guidance on that. I can answer questions about overseas IP risk: US Section 337 and lawsuits, Amazon and Schedule A cases, customs detentions, trademark squatting, filing abroad and RCEP markets. If you face an actual dispute, you can request help from the experts of an overseas IP dispute guidance center.",
    zh: '这个问题我没有经过核实的指引。我可以回答海外知识产权风险方面的问题:美国337调查和诉讼、亚马逊与Schedule A案件、海关扣留、商标抢注、海外申请布局和RCEP市场等。如果您正面临实际纠纷,可以申请海外知识产权纠纷应对指导中心的专家协助。',
  },
  empty: {
    en: 'Please type your question, for example: "What is the response deadline in a Section 337 investigation?"',
    zh: '请输入您的问题,例如:“美国337调查的答辩期限是多久?”',
  },
  firstSteps: { en: 'First steps:', zh: '首先:' },
  sources: { en: 'Sources:', zh: '来源:' },
  assistance: {
    en: 'This sounds like an active dispute: deadlines may already be running. You can request assistance from the experts of an overseas IP dispute guidance center.',
    zh: '这听起来是正在发生的纠纷,期限可能已经开始计算。您可以申请海外知识产权纠纷应对指导中心的专家协助。',
  },
  disclaimer: {
    en: 'General information, not legal advice.',
    zh: '以上为一般性信息,不构成法律意见。',
  },
} as const satisfies Record<string, Record<Lang, string>>;
