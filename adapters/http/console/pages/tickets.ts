import { personLabel } from '../../../../src/triage/format.ts';
import { disputeLabels, ipTypeLabels } from '../../../../src/triage/labels.ts';
import { type DisputeType, disputeTypes, statuses, type Ticket } from '../../../../src/triage/ticket.ts';
import { type Html, html } from '../html.ts';
import { option } from '../layout.ts';
import type { PageContext, PageView } from './page.ts';
import { timeOf } from './page.ts';

const priorityOrder = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

/** Where staff work the ticket: its card in the Slack triage channel or the Telegram staff chat. */
export function cardLink(ticket: Ticket): string | undefined {
  const thread = ticket.staffThread;
  if (!thread) return undefined;
  if (thread.platform === 'slack')
    return `https://slack.com/app_redirect?channel=${encodeURIComponent(thread.channel)}`;
  // Supergroup ids are -100<id>; t.me/c links use the id without that prefix.
  const chat = thread.channel.replace(/^-100/u, '');
  return /^\d+$/u.test(chat) && /^\d+$/u.test(thread.ts) ? `https://t.me/c/${chat}/${thread.ts}` : undefined;
}

/** The queue filtered as the query asks: status (open by default, or all), market, dispute type, priority. */
export async function filteredTickets(
  ctx: Pick<PageContext, 'core'>,
  query: URLSearchParams,
): Promise<Ticket[]> {
  const status = query.get('status') ?? 'open';
  const market = (query.get('market') ?? '').trim().toLowerCase();
  const dispute = query.get('dispute') ?? '';
  const priority = query.get('priority') ?? '';
  const pool = status === 'open' ? await ctx.core.triage.queue() : await ctx.core.triage.all();
  return pool
    .filter(
      (ticket) =>
        (status === 'open' || status === 'all' || ticket.status === status) &&
        (!market || ticket.input.market.toLowerCase().includes(market)) &&
        (!dispute || ticket.input.disputeType === dispute) &&
        (!priority || ticket.priority.level === priority),
    )
    .sort(
      (a, b) =>
        priorityOrder[a.priority.level] - priorityOrder[b.priority.level] ||
        a.createdAt.localeCompare(b.createdAt),
    );
}

export async function ticketsPage(ctx: PageContext): Promise<PageView> {
  const { t, url, lang } = ctx;
  const tickets = await filteredTickets(ctx, url.searchParams);
  const status = url.searchParams.get('status') ?? 'open';
  const dispute = url.searchParams.get('dispute') ?? '';
  const body = html`<p>${t('ticketsExplain')}</p>
<form method="get" action="/admin/tickets" class="filters">
<label>${t('status')}<select name="status">${option('open', status, t('statusOpen'))}${option('all', status, t('all'))}${statuses.map((s) => option(s, status))}</select></label>
<label>${t('market')}<input name="market" type="text" size="10" value="${url.searchParams.get('market') ?? ''}"></label>
<label>${t('disputeType')}<select name="dispute">${option('', dispute, t('all'))}${disputeTypes.map((d) => option(d, dispute, disputeLabels[d][lang]))}</select></label>
<button type="submit" class="secondary">${t('filter')}</button>
</form>
${
  tickets.length === 0
    ? html`<p>${t('ticketsEmpty')}</p>`
    : html`<div class="table-wrap"><table data-testid="tickets"><thead><tr><th scope="col">ID</th><th scope="col">${t('priority')}</th><th scope="col">${t('status')}</th><th scope="col">${t('company')}</th><th scope="col">${t('market')}</th><th scope="col">${t('disputeType')}</th><th scope="col">${t('deadline')}</th><th scope="col">${t('created')}</th></tr></thead>
<tbody>${tickets.map(
        (ticket) =>
          html`<tr><td><a href="/admin/tickets/${ticket.id}">${ticket.id}</a></td><td><span class="badge ${ticket.priority.level}">${ticket.priority.level}</span></td><td>${ticket.status}</td><td>${ticket.input.company}</td><td>${ticket.input.market}</td><td>${disputeLabels[ticket.input.disputeType as DisputeType]?.[lang] ?? ticket.input.disputeType}</td><td>${ticket.input.deadline ?? '—'}</td><td>${timeOf(ctx, ticket.createdAt)}</td></tr>`,
      )}</tbody></table></div>`
}`;
  return { title: t('ticketsTitle'), active: 'tickets', body };
}

export async function ticketPage(ctx: PageContext, id: string): Promise<PageView | undefined> {
  const { core, t, lang } = ctx;
  const ticket = await core.triage.get(id);
  if (!ticket) return undefined;
  const files = ticket.history.filter((entry) => /file/u.test(entry.action));
  const link = cardLink(ticket);
  const row = (label: string, value: Html | string) =>
    html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
  const body = html`<p><a href="/admin/tickets">${t('back')}</a></p>
<div class="table-wrap"><table>
${row(t('status'), ticket.status)}
${row(t('priority'), html`<span class="badge ${ticket.priority.level}">${ticket.priority.level}</span> ${ticket.priority.reasons.join('; ')}`)}
${row(t('company'), ticket.input.company)}
${row(t('market'), ticket.input.market)}
${row(t('ipType'), ipTypeLabels[ticket.input.ipType as keyof typeof ipTypeLabels]?.[lang] ?? ticket.input.ipType)}
${row(t('disputeType'), disputeLabels[ticket.input.disputeType as DisputeType]?.[lang] ?? ticket.input.disputeType)}
${row(t('deadline'), ticket.input.deadline ?? '—')}
${row(t('description'), ticket.input.description)}
${row(t('assignee'), ticket.assignee ? personLabel(ticket.assignee, ticket) : '—')}
${row(t('created'), timeOf(ctx, ticket.createdAt))}
${row(t('card'), link ? html`<a href="${link}" rel="noopener">${t('openCard')}</a> <span class="muted">(${ticket.staffThread?.platform})</span>` : '—')}
</table></div>
<h2>${t('attachments')}</h2>
${files.length === 0 ? html`<p>${t('noAttachments')}</p>` : html`<ul>${files.map((f) => html`<li>${f.detail ?? f.action} <span class="muted">${timeOf(ctx, f.at)}</span></li>`)}</ul>`}
<h2>${t('history')}</h2>
<ol>${ticket.history.map((entry) => html`<li><span class="muted">${timeOf(ctx, entry.at)}</span> ${personLabel(entry.by, ticket)}: ${entry.action}${entry.detail ? html` — ${entry.detail}` : ''}</li>`)}</ol>`;
  return { title: `${t('ticketsTitle')} ${ticket.id}`, active: 'tickets', body };
}
