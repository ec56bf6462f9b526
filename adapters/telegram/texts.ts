import type { Lang } from '../../src/text/lang.ts';
import { escapeHtml } from './format.ts';

/**
 * Everything the bot says on its own (not answers), in both languages. Values are Telegram HTML,
 * so anything interpolated from outside goes through escapeHtml.
 */
export const texts = {
  welcome: {
    en: [
      '<b>Hello!</b> I answer questions about overseas intellectual-property risk for exporters: US Section 337, customs detentions, marketplace takedowns, trademark squatting and filing in RCEP markets. Every answer cites its sources.',
      'Try, for example:',
      '• What is the Section 337 response deadline?',
      '• Our goods were detained by customs abroad. What should we do first?',
      '• When did RCEP enter into force for Japan?',
      'Commands: /help',
    ].join('\n'),
    zh: [
      '<b>您好！</b>我为出口企业解答海外知识产权风险问题：美国337调查、海关扣留、电商平台投诉下架、商标抢注以及RCEP市场的申请布局。每个回答都会注明来源。',
      '例如，您可以问：',
      '• 美国337调查的答辩期限是多久？',
      '• 我们的货物在国外被海关扣留了，首先应该做什么？',
      '• RCEP对日本何时生效？',
      '命令:/help',
    ].join('\n'),
  },
  help: {
    en: [
      'Send your question as a text message; in a group, mention me or reply to one of my messages.',
      '',
      '/start — introduction and example questions',
      '/lang zh|en|auto — answer language (auto follows each question)',
      '/assist — request assistance from human experts (a short form, in a private chat)',
      '/mytickets — your assistance requests and their status',
      '/follow VN US — get told when rules change in your markets (also IP types, industry); /profile, /unfollow, /forget',
      '/warnings — the latest risk warnings for your markets',
      '/check — pre-export risk check: six questions, then a checklist with sources',
      '/cancel — stop filling in a request',
      '/help — this message',
      '',
      'Under each answer: 👍/👎 to rate it, “Sources” for the full list of sources.',
      'When the experts write to you about a request, reply to their message to answer them.',
    ].join('\n'),
    zh: [
      '请以文字发送您的问题；在群组中请@我或回复我的消息。',
      '',
      '/start — 介绍和示例问题',
      '/lang zh|en|auto — 回答语言（auto 跟随每个问题的语言）',
      '/assist — 申请专家协助（在私聊中填写简短表单）',
      '/mytickets — 查看您的协助申请及其状态',
      '/follow 越南 美国 — 关注市场，规则变化时通知您（也可加知识产权类型、行业）；/profile、/unfollow、/forget',
      '/warnings — 您关注市场的最新风险预警',
      '/check — 出口前风险自查：回答六个问题，得到附来源的清单',
      '/cancel — 取消正在填写的申请',
      '/help — 本帮助',
      '',
      '每个回答下方：👍/👎 评价回答，“来源”查看完整来源列表。',
      '专家就您的申请发来消息时，直接回复该消息即可答复专家。',
    ].join('\n'),
  },
  langUsage: {
    en: 'Usage: /lang zh, /lang en or /lang auto',
    zh: '用法:/lang zh、/lang en 或 /lang auto',
  },
  langSet: {
    en: 'I will answer in English.',
    zh: '我将用中文回答。',
  },
  langAuto: {
    en: 'I will answer in the language of each question.',
    zh: '我将用每个问题所用的语言回答。',
  },
  adminOnly: {
    en: 'Sorry, that command is for administrators only.',
    zh: '抱歉，该命令仅限管理员使用。',
  },
  nonText: {
    en: 'Please send your question as text; I cannot read photos, stickers, voice messages or files.',
    zh: '请以文字发送您的问题；我无法识别图片、贴纸、语音或文件。',
  },
  unknownCommand: {
    en: 'I do not know that command. See /help.',
    zh: '我不认识这个命令。请查看 /help。',
  },
  error: {
    en: 'Sorry, something went wrong; please try again.',
    zh: '抱歉，出了点问题，请重试。',
  },
  notSaved: {
    en: 'Sorry, our records are unavailable right now, so that could not be saved or looked up. Please try again in a minute; for an urgent case, contact your local overseas IP dispute guidance center.',
    zh: '抱歉，记录系统暂时不可用，无法保存或查询。请一分钟后重试；如情况紧急，请直接联系当地海外知识产权纠纷应对指导分中心。',
  },
  expired: {
    en: 'This answer is too old; please ask again.',
    zh: '这个回答已过期，请重新提问。',
  },
  reloading: { en: 'Reloading the knowledge base…', zh: '正在重新加载知识库…' },
} as const satisfies Record<string, Record<Lang, string>>;

export function reloadedText(
  report: { version: string; documents: number; chunks: number; rejected: unknown[] },
  lang: Lang,
): string {
  const version = escapeHtml(report.version);
  return lang === 'zh'
    ? `知识库已重新加载：版本 <code>${version}</code>，${report.documents} 篇文档，${report.chunks} 个片段，${report.rejected.length} 篇被拒。`
    : `Knowledge base reloaded: version <code>${version}</code>, ${report.documents} documents, ${report.chunks} chunks, ${report.rejected.length} rejected.`;
}

export function statsText(
  stats: {
    indexVersion: string;
    builtAt: string;
    documents: number;
    chunks: number;
    feedback: { up: number; down: number };
    review: { pastReviewBy: number; olderThanAYear: number };
  },
  lang: Lang,
): string {
  const version = escapeHtml(stats.indexVersion);
  const built = escapeHtml(stats.builtAt);
  return lang === 'zh'
    ? `<b>统计</b>\n索引版本：<code>${version}</code>（构建于 ${built}）\n文档：${stats.documents}，片段：${stats.chunks}\n反馈：👍 ${stats.feedback.up} / 👎 ${stats.feedback.down}\n待复核文档：${stats.review.pastReviewBy} 篇已过复核日期，${stats.review.olderThanAYear} 篇超过一年未更新`
    : `<b>Stats</b>\nIndex version: <code>${version}</code> (built ${built})\nDocuments: ${stats.documents}, chunks: ${stats.chunks}\nFeedback: 👍 ${stats.feedback.up} / 👎 ${stats.feedback.down}\nDue for review: ${stats.review.pastReviewBy} past review_by, ${stats.review.olderThanAYear} not updated for a year`;
}

/** Menu entries for setMyCommands; admin commands stay out of the public menu on purpose. */
export const menu: Record<Lang, { command: string; description: string }[]> = {
  en: [
    { command: 'start', description: 'Introduction and example questions' },
    { command: 'help', description: 'How to ask, and the commands' },
    { command: 'lang', description: 'Answer language: zh, en or auto' },
    { command: 'assist', description: 'Request assistance from human experts' },
    { command: 'mytickets', description: 'Your assistance requests' },
    { command: 'follow', description: 'Follow markets: get told when their rules change' },
    { command: 'profile', description: 'What you follow' },
    { command: 'forget', description: 'Delete what you follow' },
    { command: 'warnings', description: 'Latest risk warnings for your markets' },
    { command: 'check', description: 'Pre-export risk check: a cited checklist' },
  ],
  zh: [
    { command: 'start', description: '介绍和示例问题' },
    { command: 'help', description: '如何提问以及命令列表' },
    { command: 'lang', description: '回答语言:zh、en 或 auto' },
    { command: 'assist', description: '申请专家协助' },
    { command: 'mytickets', description: '我的协助申请' },
    { command: 'follow', description: '关注市场：规则变化时通知您' },
    { command: 'profile', description: '查看我的关注' },
    { command: 'forget', description: '删除我的关注信息' },
    { command: 'warnings', description: '您关注市场的最新风险预警' },
    { command: 'check', description: '出口前风险自查：附来源的清单' },
  ],
};

/** Why a reload failed, for the admin: the previous version keeps serving. */
export function reloadFailedText(error: { message: string; hint?: string | undefined }, lang: Lang): string {
  const hint = error.hint ? ` ${escapeHtml(error.hint)}` : '';
  return lang === 'zh'
    ? `重新加载失败：${escapeHtml(error.message)} 之前的版本继续提供服务。${hint}`
    : `Reload failed: ${escapeHtml(error.message)} The previous version keeps serving.${hint}`;
}
