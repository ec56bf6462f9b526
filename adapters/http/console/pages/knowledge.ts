import { catalogOf } from '../../../../src/admin/knowledge-catalog.ts';
import { audienceLabel } from '../../../../src/copy/notices.ts';
import type { BuildReport } from '../../../../src/retrieval/index-builder.ts';
import type { PlannedNotice } from '../actions.ts';
import { type Html, html } from '../html.ts';
import { csrfField, option } from '../layout.ts';
import type { PageContext, PageView } from './page.ts';

function list(label: string, items: string[]): Html {
  return items.length === 0
    ? html``
    : html`<p><strong>${label} (${items.length}):</strong> ${items.join(', ')}</p>`;
}

/** Each notice a reload would send, with its summary editable and a way to send none. */
function plannedBlock(ctx: PageContext, planned: PlannedNotice[]): Html {
  const { t, lang } = ctx;
  if (planned.length === 0) return html``;
  const names = ctx.core.followNames('/follow');
  return html`<fieldset data-testid="planned-notices"><legend>${t('noticesPlanned')}</legend>
<p>${t('noticesPlannedExplain')}</p>
${planned.map(({ notice, reach }) => {
  const doc = notice.docId ?? notice.id;
  return html`<div class="notice-plan"><p><strong>${doc}</strong> → ${audienceLabel(notice, lang, names)} (${t('noticeFollowers')}: ${reach})</p>
<label for="notice-en-${doc}">${t('summaryEn')}</label>
<input id="notice-en-${doc}" name="notice_en:${doc}" type="text" maxlength="280" value="${notice.text.en.summary}">
<label for="notice-zh-${doc}">${t('summaryZh')}</label>
<input id="notice-zh-${doc}" name="notice_zh:${doc}" type="text" maxlength="280" value="${notice.text.zh.summary}">
<label class="check"><input type="checkbox" name="nonotice:${doc}" value="1"> ${t('noNotice')}</label></div>`;
})}
</fieldset>`;
}

function previewBlock(ctx: PageContext, report: BuildReport): Html {
  const { t } = ctx;
  const nothing = report.reused || report.added.length + report.changed.length + report.removed.length === 0;
  return html`<section aria-labelledby="preview-h" data-testid="reload-preview">
<h2 id="preview-h">${t('previewResult')}</h2>
${nothing ? html`<p>${t('nothingChanged')}</p>` : html``}
${list(t('added'), report.added)}${list(t('changed'), report.changed)}${list(t('removed'), report.removed)}
${list(
  t('rejected'),
  report.rejected.map((r) => `${r.path}: ${r.reason}`),
)}
${
  nothing
    ? html``
    : report.refused
      ? html`<p class="notice error">${t('smokeFailed')}: ${report.refused}</p>`
      : ctx.core.smokeCheck
        ? html`<p><span class="badge passed">${t('smokePassed')}</span></p>`
        : html`<p>${t('evalNoSet')}</p>`
}
</section>`;
}

export async function knowledgePage(
  ctx: PageContext,
  previewed?: { report: BuildReport; planned: PlannedNotice[] },
): Promise<PageView> {
  const preview = previewed?.report;
  const { core, t, url } = ctx;
  const index = core.index.get();
  const catalog = catalogOf(index, ctx.now);
  const collection = url.searchParams.get('collection') ?? '';
  const market = (url.searchParams.get('market') ?? '').toUpperCase();
  const lang = url.searchParams.get('doclang') ?? '';
  const shown = catalog.documents.filter(
    (doc) =>
      (!collection || doc.collection === collection) &&
      (!market || doc.jurisdictions.includes(market)) &&
      (!lang || doc.lang === lang),
  );
  const markets = [...new Set(catalog.documents.flatMap((doc) => doc.jurisdictions))].sort();
  const rejected = core.reloader.lastReport()?.rejected ?? [];
  const evalResult = core.smokeCheck?.resultFor(index.manifest.version);
  const admin = ctx.caller.role === 'admin';

  const body = html`
<p>${t('servingVersion')}: <strong data-testid="serving-version">${index.manifest.version}</strong></p>
${
  admin
    ? html`<section aria-labelledby="reload-h"><h2 id="reload-h">${t('reloadTitle')}</h2>
<p>${t('reloadExplain')}</p>
<form method="post" action="/admin/knowledge/preview" class="inline">${csrfField(ctx.caller)}<button type="submit">${t('previewButton')}</button></form>
${preview && !preview.refused ? html` <form method="post" action="/admin/knowledge/reload" class="stack">${csrfField(ctx.caller)}${plannedBlock(ctx, previewed?.planned ?? [])}<button type="submit">${t('reloadButton')}</button></form>` : html``}
 <form method="post" action="/admin/knowledge/rollback" class="inline">${csrfField(ctx.caller)}<button type="submit" class="secondary">${t('rollbackButton')}</button></form>
${preview ? previewBlock(ctx, preview) : html``}
</section>`
    : html``
}

<section aria-labelledby="eval-h"><h2 id="eval-h">${t('evalTitle')}</h2>
${
  !core.smokeCheck
    ? html`<p>${t('evalNoSet')}</p>`
    : evalResult
      ? html`<p data-testid="eval-result"><span class="badge ${evalResult.passed ? 'passed' : 'failed'}">${evalResult.passed ? t('smokePassed') : t('smokeFailed')}</span>
${Math.round(evalResult.hit.rate * 100)}% ${t('evalHit')} (${evalResult.hit.passed}/${evalResult.hit.total}),
${Math.round(evalResult.abstain.rate * 100)}% ${t('evalAbstain')} (${evalResult.abstain.passed}/${evalResult.abstain.total})</p>`
      : html`<p>${t('evalNone')}</p>`
}
${core.smokeCheck && admin ? html`<form method="post" action="/admin/knowledge/eval">${csrfField(ctx.caller)}<button type="submit" class="secondary">${t('evalRun')}</button></form>` : html``}
</section>

<section aria-labelledby="rejected-h"><h2 id="rejected-h">${t('rejected')} (${rejected.length})</h2>
${
  rejected.length === 0
    ? html`<p>${t('noneRejected')}</p>`
    : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('path')}</th><th scope="col">${t('reason')}</th></tr></thead>
<tbody>${rejected.map((r) => html`<tr><td>${r.path}</td><td>${r.reason}</td></tr>`)}</tbody></table></div>`
}
</section>

<section aria-labelledby="docs-h"><h2 id="docs-h">${t('documents')} (${shown.length} / ${catalog.documents.length})</h2>
<form method="get" action="/admin/knowledge" class="filters">
<label>${t('collection')}<select name="collection">${option('', collection, t('all'))}${['guide', 'rcep', 'case'].map((c) => option(c, collection))}</select></label>
<label>${t('market')}<select name="market">${option('', market, t('all'))}${markets.map((m) => option(m, market))}</select></label>
<label>${t('language')}<select name="doclang">${option('', lang, t('all'))}${option('zh', lang, '中文')}${option('en', lang, 'English')}</select></label>
<button type="submit" class="secondary">${t('filter')}</button>
</form>
<div class="table-wrap"><table><thead><tr><th scope="col">${t('title')}</th><th scope="col">${t('language')}</th><th scope="col">${t('collection')}</th><th scope="col">${t('markets')}</th><th scope="col">${t('twin')}</th><th scope="col">${t('updated')}</th><th scope="col">${t('reviewBy')}</th></tr></thead>
<tbody>${shown.map(
    (
      doc,
    ) => html`<tr id="doc-${doc.id}-${doc.lang}"><td><details><summary>${doc.title}</summary><p class="muted">${doc.id} · ${doc.path} · ${t('cards')}: ${doc.cards}</p><p>${t('sections')}:</p><ul>${doc.sections.map((s) => html`<li>${s}</li>`)}</ul></details></td>
<td>${doc.lang}</td><td>${doc.collection}</td><td>${doc.jurisdictions.join(', ')}</td>
<td>${doc.twin ? html`<a href="/admin/knowledge#doc-${doc.id}-${doc.lang === 'zh' ? 'en' : 'zh'}">${doc.lang === 'zh' ? 'en' : 'zh'}</a>` : html`<span class="badge failed">${t('twinMissing')}</span>`}</td>
<td>${doc.updated ?? ''}</td><td>${doc.pastReview ? html`<span class="badge failed">${doc.reviewBy}</span>` : (doc.reviewBy ?? '')}</td></tr>`,
  )}</tbody></table></div>
</section>`;
  return { title: t('knowledgeTitle'), active: 'knowledge', body };
}
