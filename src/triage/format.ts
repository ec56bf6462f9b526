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

const platformNames: Record<string, string> = {
  telegram: 'Telegram',
  slack: 'Slack',
  console: 'console',
  http: 'HTTP API',
};

/** "telegram:9001" as people read it: the assignee's name when known, else "Telegram user 9001". */
export function personLabel(id: string, t: Pick<Ticket, 'assignee' | 'assigneeName'>): string {
  const bare = id.replace(/^staff:/u, '');
  if (t.assigneeName && bare === t.assignee) return t.assigneeName;
  const [platform = '', user] = bare.includes(':') ? bare.split(':', 2) : ['', bare];
  return user && platformNames[platform] ? `${platformNames[platform]} user ${user}` : bare;
}

/** A ticket time in the staff's zone, named, to the minute. */
export function staffTime(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${timeZone})`;
}

/** The full card as text, for `tickets show` and Telegram staff chats. */
export function ticketDetails(t: Ticket, options: { withContact: boolean; timeZone?: string }): string {
  const zone = options.timeZone ?? 'UTC';
  const requester = `${platformNames[t.requester.platform] ?? t.requester.platform} user ${t.requester.userId}`;
  const lines = [
    `${t.id} — ${t.priority.level.toUpperCase()} (score ${t.priority.score}) — ${t.status}${t.assignee ? ` — ${personLabel(t.assignee, t)}` : ''}`,
    `Company: ${t.input.company}`,
    ...(options.withContact ? [`Contact: ${t.input.contactName}, ${t.input.contact}`] : []),
    `Market: ${t.input.market} · IP: ${t.input.ipType} · Dispute: ${t.input.disputeType} · Deadline: ${t.input.deadline ?? 'none given'}`,
    `Description: ${t.input.description}`,
    ...(t.input.question ? [`Question asked: ${t.input.question}`] : []),
    `Why this priority: ${t.priority.reasons.join('; ')}`,
    `Requester: ${requester} (${t.requester.lang === 'zh' ? 'Chinese' : 'English'}) · created ${staffTime(t.createdAt, zone)}`,
    'History:',
    ...t.history.map(
      (h) =>
        `  ${staffTime(h.at, zone)} ${personLabel(h.by, t)} ${h.action}${h.detail ? `: ${h.detail}` : ''}`,
    ),
  ];
  return lines.join('\n');
}
