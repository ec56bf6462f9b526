import type { TicketInput } from '../../src/triage/ticket.ts';

/** A complete, valid assistance request: a 337 complaint against an LED maker. */
export function sampleTicketInput(over: Partial<TicketInput> = {}): TicketInput {
  return {
    company: 'Ningbo Lighting Co.',
    contactName: 'Li Wei',
    contact: 'li.wei@example.com',
    market: 'US',
    ipType: 'patent',
    disputeType: 'section-337',
    description: 'We were served with a Section 337 complaint about our LED lamps.',
    ...over,
  };
}
