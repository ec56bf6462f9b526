import type { UnansweredGroup } from '../../../../src/feedback/unanswered-groups.ts';
import { ipTypes } from '../../../../src/knowledge/schema.ts';
import { type Html, html } from '../html.ts';
import { csrfField } from '../layout.ts';
import type { PageContext, PageView } from './page.ts';
import { timeOf } from './page.ts';

function statusOf(ctx: PageContext, group: UnansweredGroup): Html {
  const { t } = ctx;
  if (group.status === 'covered')
    return html`<span class="badge covered">${t('statusCovered')} ${group.mark?.document ?? ''}</span>`;
  if (group.status === 'wont-cover') return html`<span class="badge">${t('statusWontCover')}</span>`;
  return html`<span class="badge high">${t('statusOpen')}</span>`;
}

function actions(ctx: PageContext, group: UnansweredGroup): Html {
  const { t } = ctx;
  const action = `/admin/unanswered/${group.id}`;
  return html`<div class="actions">
<a href="${action}/answer">${t('writeAnswer')}</a>
<form method="post" action="${action}" class="inline">${csrfField(ctx.caller)}<input type="hidden" name="status" value="covered">
<label for="doc-${group.id}" class="muted">${t('documentId')}</label> <input id="doc-${group.id}" name="document" type="text" size="18" required>
<button type="submit" class="secondary">${t('markCovered')}</button></form>
<form method="post" action="${action}" class="inline">${csrfField(ctx.caller)}<input type="hidden" name="status" value="${group.status === 'open' ? 'wont-cover' : 'open'}">
<button type="submit" class="secondary">${group.status === 'open' ? t('markWont') : t('reopen')}</button></form>
</div>`;
}

export async function unansweredPage(ctx: PageContext): Promise<PageView> {
  const { core, t } = ctx;
  const groups = await core.service.unansweredGroups();
  const admin = ctx.caller.role === 'admin';
  const body = html`<p>${t('unansweredExplain')}</p>
${
  groups.length === 0
    ? html`<p>${t('unansweredEmpty')}</p>`
    : html`<div class="table-wrap"><table data-testid="unanswered"><thead><tr><th scope="col">${t('question')}</th><th scope="col">${t('count')}</th><th scope="col">${t('lastAsked')}</th><th scope="col">${t('status')}</th></tr></thead>
<tbody>${groups.map(
        (
          group,
        ) => html`<tr data-group="${group.id}"><td><span class="question" lang="${group.lang === 'zh' ? 'zh-CN' : 'en'}">${group.question}</span>
<p class="muted">${[
          group.abstained > 0 ? `${t('declined')} ${group.abstained}` : '',
          group.down > 0 ? `${t('ratedDown')} ${group.down}` : '',
          group.platforms.join(', '),
        ]
          .filter(Boolean)
          .join(' · ')}</p>
${group.wordings.length > 0 ? html`<details><summary>${t('otherWordings')} (${group.wordings.length})</summary><ul>${group.wordings.map((w) => html`<li>${w}</li>`)}</ul></details>` : ''}
${group.answers.length > 0 ? html`<details><summary>${t('ratedAnswer')}</summary>${group.answers.map((a) => html`<p class="answer">${a}</p>`)}</details>` : ''}
${admin ? actions(ctx, group) : ''}</td>
<td class="count" data-testid="count">${group.count}</td><td>${timeOf(ctx, group.lastAt)}</td><td>${statusOf(ctx, group)}</td></tr>`,
      )}</tbody></table></div>`
}`;
  return { title: t('unansweredTitle'), active: 'unanswered', body };
}

/** The form that turns a group into an answer card (a knowledge note). */
export async function answerFormPage(
  ctx: PageContext,
  groupId: string,
  problem?: string,
): Promise<PageView | undefined> {
  const { core, t } = ctx;
  const group = (await core.service.unansweredGroups()).find((g) => g.id === groupId);
  if (!group) return undefined;
  const form = ctx.form;
  const value = (name: string, fallback = '') => form?.get(name) ?? fallback;
  const lang = value('lang', group.lang);
  const chosen = new Set(form?.getAll('ip_types') ?? []);
  const body = html`<p>${t('noteExplain')}</p>
<p>${t('question')}: <strong>${group.question}</strong> (${group.count})</p>
<form method="post" action="/admin/unanswered/${group.id}/answer" class="stack">${csrfField(ctx.caller)}
<label for="note-lang">${t('noteLang')}</label>
<select id="note-lang" name="lang"><option value="zh"${lang === 'zh' ? html` selected` : ''}>中文</option><option value="en"${lang === 'en' ? html` selected` : ''}>English</option></select>
<label for="note-question">${t('noteQuestion')}</label>
<input id="note-question" name="question" type="text" required value="${value('question', group.question)}">
<label for="note-title">${t('noteTitleField')}</label>
<input id="note-title" name="title" type="text" value="${value('title')}">
<label for="note-answer">${t('noteAnswer')}</label>
<textarea id="note-answer" name="answer" rows="6" required>${value('answer')}</textarea>
<label for="note-markets">${t('noteMarkets')}</label>
<input id="note-markets" name="markets" type="text" required value="${value('markets')}" autocapitalize="characters">
<fieldset><legend>${t('noteIpTypes')}</legend>${ipTypes.map(
    (type) =>
      html`<label class="check"><input type="checkbox" name="ip_types" value="${type}"${chosen.has(type) ? html` checked` : ''}> ${type}</label> `,
  )}</fieldset>
<label for="note-sources">${t('noteSources')}</label>
<textarea id="note-sources" name="sources" rows="3" required>${value('sources')}</textarea>
<button type="submit">${t('noteSave')}</button>
</form>`;
  return {
    title: t('noteTitle'),
    active: 'unanswered',
    body,
    ...(problem ? { notice: { text: problem, kind: 'error' as const } } : {}),
  };
}
