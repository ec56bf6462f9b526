import type { Feedback } from '../../../../src/feedback/feedback-store.ts';
import { html } from '../html.ts';
import type { PageContext, PageView } from './page.ts';
import { timeOf } from './page.ts';

export async function feedbackPage(ctx: PageContext): Promise<PageView> {
  const { core, t } = ctx;
  const [items, counts] = await Promise.all([
    core.service.recentFeedback(200).catch(() => [] as Feedback[]),
    core.service
      .stats()
      .then((s) => s.feedback)
      .catch(() => undefined),
  ]);
  const body = html`<p>👍 ${counts?.up ?? '—'} · 👎 ${counts?.down ?? '—'}</p>
${
  items.length === 0
    ? html`<p>${t('feedbackEmpty')}</p>`
    : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('vote')}</th><th scope="col">${t('question')}</th><th scope="col">${t('answer')}</th><th scope="col">${t('platform')}</th><th scope="col">${t('when')}</th><th scope="col">${t('version')}</th></tr></thead>
<tbody>${items.map(
        (f) =>
          html`<tr><td>${f.vote === 'up' ? '👍' : '👎'}</td><td>${f.question}</td><td><details><summary>${f.answer.slice(0, 80)}…</summary><p class="answer">${f.answer}</p></details></td><td>${f.platform}</td><td>${timeOf(ctx, f.at)}</td><td class="muted">${f.indexVersion}</td></tr>`,
      )}</tbody></table></div>`
}`;
  return { title: t('feedbackTitle'), active: 'feedback', body };
}
