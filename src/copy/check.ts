import type { Checklist, CheckProblem, CheckView } from '../alerts/risk-check.ts';
import type { Lang } from '../text/lang.ts';

/** How the platform's user reaches the experts and follows markets, named in the checklist. */
export interface CheckCommands {
  assist: string;
  /** The follow command; the checklist's markets are added to it. */
  follow: string;
}

export const checkCopy = {
  intro: {
    en: 'Pre-export risk check: six short questions, then a checklist for your markets with a source for each point.',
    zh: '出口前风险自查：回答六个简短问题，即可得到针对您目标市场的清单，每一项都注明来源。',
  },
  /** "2/6 · Which markets…", and the markets chosen so far on a markets question. */
  prompt(view: CheckView, lang: Lang): string {
    const chosen = view.options.filter((o) => o.chosen).map((o) => o.label);
    const so =
      chosen.length > 0
        ? `\n${lang === 'zh' ? '已选：' : 'Chosen: '}${chosen.join(lang === 'zh' ? '、' : ', ')}`
        : '';
    return `${view.position}/${view.total} · ${view.prompt}${so}`;
  },
  privateOnly: {
    en: 'The risk check asks about your markets and brand: let us do it in a private chat.',
    zh: '风险自查会询问您的市场和品牌情况，请在私聊中进行。',
  },
  openPrivate: { en: 'Open a private chat', zh: '打开私聊' },
  done: { en: 'Done', zh: '完成' },
  back: { en: '« Back', zh: '« 上一步' },
  cancel: { en: 'Cancel', zh: '取消' },
  cancelled: { en: 'Risk check cancelled.', zh: '已取消风险自查。' },
  problem(problem: CheckProblem, lang: Lang): string {
    if (problem.kind === 'needMarket')
      return lang === 'zh'
        ? '请至少写出或点选一个市场（如 美国、德国、VN）。'
        : 'Name or tap at least one market (e.g. US, Germany, VN).';
    if (problem.kind === 'notRecognised')
      return lang === 'zh'
        ? `未能识别：${problem.words.join('、')}。请用国家代码或名称。`
        : `Not recognised: ${problem.words.join(', ')}. Use ISO codes or country names.`;
    return lang === 'zh' ? '请点选下方按钮作答。' : 'Please answer with the buttons below.';
  },
  /** The checklist as text: numbered items, each with its source, then help and follow-ups. */
  checklist(list: Checklist, commands: CheckCommands): string {
    const { lang, marketNames } = list;
    const head =
      lang === 'zh' ? `出口前风险清单（${marketNames}）：` : `Your pre-export checklist (${marketNames}):`;
    const items = list.items.map((item, i) => {
      const source = item.citation
        ? `${lang === 'zh' ? '来源：' : 'Source: '}${item.citation.title}${item.citation.section ? ` › ${item.citation.section}` : ''}`
        : lang === 'zh'
          ? `知识库暂无${item.uncovered ?? '该市场'}的核实资料，请联系指导中心专家。`
          : `No verified note on ${item.uncovered ?? 'this market'} yet: ask the guidance center's experts.`;
      return `${i + 1}. ${item.urgent ? '⚠️ ' : ''}${item.text}\n   ${source}`;
    });
    const urgent = list.urgent
      ? [
          lang === 'zh'
            ? `⚠️ 紧急：您已在品牌未注册的市场销售，抢注者可能阻断您的货物和店铺。海外知识产权纠纷指导中心的专家可以帮您：${commands.assist}`
            : `⚠️ Urgent: you already sell where your brand is not registered, and a squatter could block your goods and listings. The experts of an overseas IP dispute guidance center can help now: ${commands.assist}`,
        ]
      : [];
    const command = `${commands.follow} ${list.markets.join(' ')}`;
    const follow =
      lang === 'zh'
        ? `关注这些市场，规则变化时我会通知您：${command}`
        : `Follow these markets to hear when their rules change: ${command}`;
    return [head, ...items, ...urgent, follow].join('\n');
  },
} as const;
