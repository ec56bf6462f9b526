import { type RedisClient, redisCall } from '../sessions/redis-store.ts';
import type { Ticket } from './ticket.ts';

/** Durable storage of assistance requests. Open tickets never expire; closed ones after the retention period. */
export interface TicketStore {
  nextId(year: number): Promise<string>;
  save(ticket: Ticket): Promise<void>;
  get(id: string): Promise<Ticket | undefined>;
  /** Open tickets, most urgent first. */
  open(): Promise<Ticket[]>;
  /** Every stored ticket (open and closed within retention), newest first. */
  all(): Promise<Ticket[]>;
  byRequester(requesterKey: string): Promise<Ticket[]>;
  byStaffThread(channel: string, ts: string): Promise<Ticket | undefined>;
}

export const formatTicketId = (year: number, n: number) => `IPR-${year}-${String(n).padStart(6, '0')}`;

export const requesterKey = (ticket: Pick<Ticket, 'requester'>) =>
  `${ticket.requester.platform}:${ticket.requester.userId}`;

const byUrgency = (a: Ticket, b: Ticket) =>
  b.priority.score - a.priority.score || a.createdAt.localeCompare(b.createdAt);

export function createMemoryTicketStore(retentionDays: number, now: () => number = Date.now): TicketStore {
  const tickets = new Map<string, { ticket: Ticket; expiresAt?: number }>();
  const seq = new Map<number, number>();
  const live = () =>
    [...tickets.values()]
      .filter((entry) => entry.expiresAt === undefined || entry.expiresAt > now())
      .map((e) => e.ticket);
  return {
    async nextId(year) {
      const n = (seq.get(year) ?? 0) + 1;
      seq.set(year, n);
      return formatTicketId(year, n);
    },
    async save(ticket) {
      const copy = structuredClone(ticket);
      tickets.set(ticket.id, {
        ticket: copy,
        ...(ticket.status === 'closed' ? { expiresAt: now() + retentionDays * 86_400_000 } : {}),
      });
    },
    async get(id) {
      return structuredClone(live().find((t) => t.id === id));
    },
    async open() {
      return structuredClone(
        live()
          .filter((t) => t.status !== 'closed')
          .sort(byUrgency),
      );
    },
    async all() {
      return structuredClone(live().sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
    },
    async byRequester(key) {
      return structuredClone(live().filter((t) => requesterKey(t) === key));
    },
    async byStaffThread(channel, ts) {
      return structuredClone(
        live().find((t) => t.staffThread?.channel === channel && t.staffThread.ts === ts),
      );
    },
  };
}

export function createRedisTicketStore(client: RedisClient, retentionDays: number): TicketStore {
  const key = (id: string) => `iprisk:ticket:${id}`;
  const openKey = 'iprisk:tickets:open';
  const allKey = 'iprisk:tickets:all';
  const requesterSet = (k: string) => `iprisk:tickets:requester:${k}`;
  const threadKey = (channel: string, ts: string) => `iprisk:tickets:thread:${channel}:${ts}`;
  const load = async (ids: string[]): Promise<Ticket[]> => {
    if (ids.length === 0) return [];
    const raw = await redisCall(() => client.mGet(ids.map(key)));
    return raw
      .filter((item): item is string => typeof item === 'string')
      .map((item) => JSON.parse(item) as Ticket);
  };
  return {
    async nextId(year) {
      return formatTicketId(year, await redisCall(() => client.incr(`iprisk:ticket:seq:${year}`)));
    },
    async save(ticket) {
      const retention = retentionDays * 86_400;
      const tx = client.multi().set(key(ticket.id), JSON.stringify(ticket));
      tx.zAdd(allKey, { score: Date.parse(ticket.createdAt), value: ticket.id });
      tx.sAdd(requesterSet(requesterKey(ticket)), ticket.id);
      if (ticket.staffThread) tx.set(threadKey(ticket.staffThread.channel, ticket.staffThread.ts), ticket.id);
      if (ticket.status === 'closed') {
        // Closed tickets are kept for the retention period, then they go.
        tx.expire(key(ticket.id), retention).zRem(openKey, ticket.id);
        if (ticket.staffThread)
          tx.expire(threadKey(ticket.staffThread.channel, ticket.staffThread.ts), retention);
      } else {
        tx.persist(key(ticket.id)).zAdd(openKey, { score: ticket.priority.score, value: ticket.id });
      }
      await redisCall(() => tx.exec());
    },
    async get(id) {
      return (await load([id]))[0];
    },
    async open() {
      return (await load(await redisCall(() => client.zRange(openKey, 0, -1)))).sort(byUrgency);
    },
    async all() {
      return load(await redisCall(() => client.zRange(allKey, 0, -1, { REV: true })));
    },
    async byRequester(k) {
      return (await load(await redisCall(() => client.sMembers(requesterSet(k))))).sort((a, b) =>
        b.createdAt.localeCompare(a.createdAt),
      );
    },
    async byStaffThread(channel, ts) {
      const id = await redisCall(() => client.get(threadKey(channel, ts)));
      return id ? (await load([id]))[0] : undefined;
    },
  };
}
