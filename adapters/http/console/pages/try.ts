import type { AnswerResult } from '../../../../src/answer/answer.ts';
import { type Html, html } from '../html.ts';
import { csrfField } from '../layout.ts';
import type { PageContext, PageView } from './page.ts';

function explanationBlock(ctx: PageContext, result: AnswerResult): Html {
  const { t } = ctx;
  const e = result.explanation;
  if (!e) return html``;
  return html`<section aria-labelledby="why-h" data-testid="explanation"><h2 id="why-h">${t('why')}</h2>
<dl>
<dt>${t('route')}</dt><dd><code>${e.route}</code> — ${e.reason}</dd>
<dt>${t('readAs')}</dt><dd>${e.resolved}${e.followUp ? ' (follow-up)' : ''}</dd>
<dt>${t('markets')}</dt><dd>${e.markets.join(', ') || '—'}${e.uncovered.length > 0 ? html`; ${t('notCovered')}: ${e.uncovered.join(', ')}` : ''}</dd>
<dt>${t('kinds')}</dt><dd>${e.kinds.join(', ') || '—'}; topics: ${e.topics.join(', ') || '—'}</dd>
</dl>
${
  e.cards.length > 0
    ? html`<h3>${t('matchedCards')}</h3><div class="table-wrap"><table><thead><tr><th scope="col">${t('score')}</th><th scope="col">id</th><th scope="col">via</th></tr></thead>
<tbody>${e.cards.map(
        (c) =>
          html`<tr><td>${c.score.toFixed(3)}</td><td>${c.id}<br><span class="muted">${Object.entries(
            c.features,
          )
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}</span></td><td>${c.paraphrase}</td></tr>`,
      )}</tbody></table></div>`
    : ''
}
${
  e.passages.length > 0
    ? html`<h3>${t('passages')}</h3><div class="table-wrap"><table><thead><tr><th scope="col">${t('score')}</th><th scope="col">id</th><th scope="col">${t('sections')}</th></tr></thead>
<tbody>${e.passages.slice(0, 8).map((p) => html`<tr><td>${p.score.toFixed(3)}</td><td>${p.id}</td><td>${p.section}</td></tr>`)}</tbody></table></div>`
    : ''
}
</section>`;
}

export async function tryPage(ctx: PageContext, result?: AnswerResult): Promise<PageView> {
  const { t } = ctx;
  const form = ctx.form;
  const lang = form?.get('lang') ?? '';
  const body = html`<p>${t('tryExplain')}</p>
<form method="post" action="/admin/try" class="stack">${csrfField(ctx.caller)}
<label for="try-question">${t('question')}</label>
<textarea id="try-question" name="question" rows="3" required>${form?.get('question') ?? ''}</textarea>
<label for="try-lang">${t('tryLang')}</label>
<select id="try-lang" name="lang"><option value="">${t('tryAuto')}</option><option value="zh"${lang === 'zh' ? html` selected` : ''}>中文</option><option value="en"${lang === 'en' ? html` selected` : ''}>English</option></select>
<label for="try-session">${t('trySession')}</label>
<input id="try-session" name="session" type="text" value="${form?.get('session') ?? 'try'}" pattern="[\\w.:-]{1,64}">
<button type="submit">${t('tryAsk')}</button>
</form>
${
  result
    ? html`<section aria-labelledby="answer-h" data-testid="try-result"><h2 id="answer-h">${result.abstained ? t('tryAbstained') : t('tryAnswered')}</h2>
<div class="answer" lang="${result.lang === 'zh' ? 'zh-CN' : 'en'}">${result.answer}</div>
${result.citations.length > 0 ? html`<h3>${t('citations')}</h3><ul>${result.citations.map((c) => html`<li>${c.title}${c.section ? ` — ${c.section}` : ''} <span class="muted">(${c.id})</span></li>`)}</ul>` : ''}
${explanationBlock(ctx, result)}
</section>`
    : ''
}`;
  return { title: t('tryTitle'), active: 'try', body };
}
