import type { Ticket } from './ticket.ts';

/** One line per ticket for staff lists: id, priority, status, market, dispute, deadline, company. */
export function ticketLine(t: Ticket): string {
  return [
    t.id,
    t.priority.level.toUpperCase().padEnd(6),
    String(t.priority.score).padStart(3),
    t.status.padEnd(11),
    t.input.disputeType.padEnd(19),
    t.input.market.padEnd(10),
    t.input.deadline ?? '—'.padEnd(10),
    t.input.company,
  ].join('  ');
}

/** The full card as text, for `tickets show` and Telegram staff chats. */
export function ticketDetails(t: Ticket, options: { withContact: boolean }): string {
  const lines = [
    `${t.id} — ${t.priority.level.toUpperCase()} (score ${t.priority.score}) — ${t.status}${t.assignee ? ` — ${t.assignee}` : ''}`,
    `Company: ${t.input.company}`,
    ...(options.withContact ? [`Contact: ${t.input.contactName}, ${t.input.contact}`] : []),
    `Market: ${t.input.market} · IP: ${t.input.ipType} · Dispute: ${t.input.disputeType} · Deadline: ${t.input.deadline ?? 'none given'}`,
    `Description: ${t.input.description}`,
    ...(t.input.question ? [`Question asked: ${t.input.question}`] : []),
    `Why this priority: ${t.priority.reasons.join('; ')}`,
    `Requester: ${t.requester.platform} · created ${t.createdAt}`,
    'History:',
    ...t.history.map((h) => `  ${h.at} ${h.by} ${h.action}${h.detail ? `: ${h.detail}` : ''}`),
  ];
  return lines.join('\n');
}
