import type { Notice } from '../../../../src/alerts/notice.ts';
import { audienceLabel, noticeCopy } from '../../../../src/copy/notices.ts';
import { ipTypeLabels, namedIpTypes } from '../../../../src/triage/labels.ts';
import { type Html, html } from '../html.ts';
import { csrfField } from '../layout.ts';
import { type PageContext, type PageView, timeOf } from './page.ts';

/** A warning previewed: how it reads to followers in each language, and how many it reaches. */
export interface WarningPreview {
  notice: Notice;
  reach: number;
}

function previewBlock(ctx: PageContext, preview: WarningPreview): Html {
  const { t, core } = ctx;
  const names = core.followNames('/follow');
  const form = ctx.form;
  return html`<section aria-labelledby="warning-preview-h" data-testid="warning-preview">
<h2 id="warning-preview-h">${t('warningPreview')}</h2>
<p>${t('warningReach')}: <strong data-testid="warning-reach">${preview.reach}</strong></p>
<div class="preview-pair">
<pre lang="en">${noticeCopy.message(preview.notice, 'en', names)}</pre>
<pre lang="zh">${noticeCopy.message(preview.notice, 'zh', names)}</pre>
</div>
<form method="post" action="/admin/notices/send">${csrfField(ctx.caller)}
<input type="hidden" name="markets" value="${form?.get('markets') ?? ''}">
${(form?.getAll('segments') ?? []).map((id) => html`<input type="hidden" name="segments" value="${id}">`)}
${(form?.getAll('ip_types') ?? []).map((type) => html`<input type="hidden" name="ip_types" value="${type}">`)}
<input type="hidden" name="en" value="${form?.get('en') ?? ''}">
<input type="hidden" name="zh" value="${form?.get('zh') ?? ''}">
<button type="submit">${t('warningSend')} (${preview.reach})</button>
</form>
</section>`;
}

/** Admin warnings: write, preview with the audience count, send; and the log of every notice. */
export async function noticesPage(ctx: PageContext, preview?: WarningPreview): Promise<PageView> {
  const { core, t, lang } = ctx;
  const names = core.followNames('/follow');
  const form = ctx.form;
  const value = (name: string) => form?.get(name) ?? '';
  const segments = new Set(form?.getAll('segments') ?? []);
  const chosenIp = new Set(form?.getAll('ip_types') ?? []);
  const log = await core.notices.recent(undefined, 50);
  const body = html`<p>${t('warningsExplain')}</p>
<form method="post" action="/admin/notices/preview" class="stack">${csrfField(ctx.caller)}
<label for="warning-markets">${t('warningMarkets')}</label>
<input id="warning-markets" name="markets" type="text" value="${value('markets')}">
<fieldset><legend>${t('warningSegments')}</legend>${names.segments.map(
    (s) =>
      html`<label class="check"><input type="checkbox" name="segments" value="${s.id}"${segments.has(s.id) ? html` checked` : ''}> ${s[lang][0] ?? s.id}</label> `,
  )}</fieldset>
<fieldset><legend>${t('warningIpTypes')}</legend>${namedIpTypes.map(
    (type) =>
      html`<label class="check"><input type="checkbox" name="ip_types" value="${type}"${chosenIp.has(type) ? html` checked` : ''}> ${ipTypeLabels[type as keyof typeof ipTypeLabels][lang]}</label> `,
  )}</fieldset>
<label for="warning-en">${t('warningEn')}</label>
<textarea id="warning-en" name="en" rows="3" required maxlength="600">${value('en')}</textarea>
<label for="warning-zh">${t('warningZh')}</label>
<textarea id="warning-zh" name="zh" rows="3" required maxlength="600">${value('zh')}</textarea>
<button type="submit">${t('warningPreview')}</button>
</form>
${preview ? previewBlock(ctx, preview) : html``}
<section aria-labelledby="notices-log-h"><h2 id="notices-log-h">${t('noticesLog')}</h2>
${
  log.length === 0
    ? html`<p>${t('noticesEmpty')}</p>`
    : html`<div class="table-wrap"><table data-testid="notices-log"><thead><tr><th scope="col">${t('created')}</th><th scope="col">${t('noticeKind')}</th><th scope="col">${t('audience')}</th><th scope="col">${t('summary')}</th><th scope="col">${t('delivery')}</th></tr></thead>
<tbody>${log.map(
        ({ notice, counts }) =>
          html`<tr><td>${timeOf(ctx, notice.createdAt)}</td><td>${notice.kind === 'warning' ? t('kindWarning') : t('kindChange')}</td><td>${audienceLabel(notice, lang, names)}</td><td>${notice.text[lang].summary}</td><td>${counts.sent} / ${counts.failed} / ${counts.queued}</td></tr>`,
      )}</tbody></table></div>`
}
</section>`;
  return { title: t('warningsTitle'), active: 'notices', body };
}
