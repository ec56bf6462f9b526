import { catalogOf } from '../../../../src/admin/knowledge-catalog.ts';
import type { DayCount } from '../../../../src/feedback/daily-counts.ts';
import { type Html, html, raw } from '../html.ts';
import type { PageContext, PageView } from './page.ts';

const priorities = ['urgent', 'high', 'normal', 'low'] as const;

/** Bars per day, answered below abstained; the table beside it carries the same figures for screen readers. */
function activityChart(days: DayCount[], label: string): Html {
  const width = 560;
  const height = 140;
  const top = Math.max(1, ...days.map((d) => d.answered + d.abstained));
  const slot = width / Math.max(1, days.length);
  const bars = days
    .map((d, i) => {
      const x = (i * slot + 2).toFixed(1);
      const w = (slot - 4).toFixed(1);
      const answeredH = (d.answered / top) * (height - 20);
      const abstainedH = (d.abstained / top) * (height - 20);
      const base = height - 16;
      return [
        `<rect class="answered" x="${x}" y="${(base - answeredH).toFixed(1)}" width="${w}" height="${answeredH.toFixed(1)}"></rect>`,
        `<rect class="abstained" x="${x}" y="${(base - answeredH - abstainedH).toFixed(1)}" width="${w}" height="${abstainedH.toFixed(1)}"></rect>`,
        `<text x="${(i * slot + slot / 2).toFixed(1)}" y="${height - 3}" font-size="9" text-anchor="middle" fill="#4a5561">${d.day.slice(8)}</text>`,
      ].join('');
    })
    .join('');
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}">${raw(bars)}</svg>`;
}

export async function overviewPage(ctx: PageContext): Promise<PageView> {
  const { core, t } = ctx;
  const stats = await core.service
    .stats()
    .catch(() => ({ ...core.service.indexStats(), feedback: undefined }));
  const catalog = catalogOf(core.index.get(), ctx.now);
  const due = catalog.documents.filter((doc) => doc.pastReview);
  const redis = !core.redis ? 'none' : core.redis.isReady && !core.storeHealth.down() ? 'up' : 'down';
  const days = await core.service.activity(14).catch(() => [] as DayCount[]);
  const asked = days.reduce((sum, d) => sum + d.answered + d.abstained, 0);
  const declined = days.reduce((sum, d) => sum + d.abstained, 0);
  const open = await core.triage.queue().catch(() => undefined);
  const byPriority = priorities.map((level) => ({
    level,
    count: open?.filter((ticket) => ticket.priority.level === level).length ?? 0,
  }));

  const body = html`
<div class="grid">
  <div class="tile"><span class="label">${t('servingVersion')}</span><span class="figure text" data-testid="serving-version">${stats.indexVersion}</span><span class="muted">${t('builtAt')} ${stats.builtAt.replace('T', ' ').slice(0, 16)} UTC</span></div>
  <div class="tile"><span class="label">${t('documents')} / ${t('chunks')} / ${t('cards')}</span><span class="figure">${stats.documents} / ${stats.chunks} / ${catalog.cards}</span></div>
  <div class="tile"><span class="label">${t('redis')}</span><span class="figure text">${t(redis === 'up' ? 'redisUp' : redis === 'down' ? 'redisDown' : 'redisNone')}</span></div>
  <div class="tile"><span class="label">${t('feedbackTotals')}</span><span class="figure">${stats.feedback ? `👍 ${stats.feedback.up} · 👎 ${stats.feedback.down}` : '—'}</span></div>
</div>

<h2>${t('activity')}</h2>
<p>${t('abstentionRate')}: <strong>${asked > 0 ? `${Math.round((declined / asked) * 100)}%` : '—'}</strong> (${declined} / ${asked})</p>
<p class="legend"><span><span class="swatch answered"></span>${t('answered')}</span><span><span class="swatch abstained"></span>${t('abstained')}</span></p>
${activityChart(days, `${t('activity')}: ${asked} / ${declined}`)}
<details><summary>${t('activity')}</summary>
<div class="table-wrap"><table><thead><tr><th scope="col">${t('day')}</th><th scope="col">${t('answered')}</th><th scope="col">${t('abstained')}</th></tr></thead>
<tbody>${days.map((d) => html`<tr><td>${d.day}</td><td>${d.answered}</td><td>${d.abstained}</td></tr>`)}</tbody></table></div>
</details>

<h2>${t('documents')}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${t('collection')}</th><th scope="col">${t('language')}</th><th scope="col">${t('documents')}</th><th scope="col">${t('chunks')}</th></tr></thead>
<tbody>${catalog.totals.map((row) => html`<tr><td>${row.collection}</td><td>${row.lang}</td><td>${row.documents}</td><td>${row.chunks}</td></tr>`)}</tbody></table></div>

<h2>${t('pastReview')} (${due.length})</h2>
${due.length === 0 ? html`<p>${t('noneDue')}</p>` : html`<ul>${due.map((doc) => html`<li>${doc.title} <span class="muted">(${doc.path}, ${t('reviewBy')} ${doc.reviewBy})</span></li>`)}</ul>`}

<h2>${t('openTickets')}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${t('priority')}</th><th scope="col">${t('count')}</th></tr></thead>
<tbody>${byPriority.map((row) => html`<tr><td><a href="/admin/tickets?priority=${row.level}"><span class="badge ${row.level}">${row.level}</span></a></td><td>${open ? row.count : '—'}</td></tr>`)}</tbody></table></div>`;
  return { title: t('overviewTitle'), active: 'overview', body };
}
