import { describe, expect, it } from 'vitest';
import { advance, beginIntake, type IntakeState, intakeFields } from '../../src/triage/intake.ts';
import type { TicketField } from '../../src/triage/ticket.ts';

const TODAY = new Date('2026-12-01T09:00:00Z');
const answers: Record<TicketField, string> = {
  company: '宁波照明有限公司',
  contactName: '李伟',
  contact: 'li.wei＠example.com',
  market: '美国',
  ipType: 'patent',
  disputeType: 'section-337',
  deadline: '2026-12-20',
  description: '资金被冻结了',
  question: 'none',
};

function fill(): IntakeState {
  let { state } = beginIntake();
  for (const field of intakeFields)
    state = advance(state, { kind: 'answer', field, raw: answers[field] }, { today: TODAY }).state;
  return state;
}

describe('the assistance-request form (core)', () => {
  it('asks every field in order, then shows the summary, then submits what was answered', () => {
    const first = beginIntake();
    expect(first.view).toEqual({ kind: 'ask', field: 'company', position: 1, of: intakeFields.length });
    const state = fill();
    const summary = advance(state, { kind: 'edit' });
    expect(summary.view).toEqual({ kind: 'chooseField' });
    const done = advance(state, { kind: 'submit' });
    expect(done.view).toMatchObject({
      kind: 'submit',
      input: { contact: 'li.wei@example.com', description: '资金被冻结了', deadline: '2026-12-20' },
    });
  });

  it('asks again with the reason when an answer is refused, and keeps what was given', () => {
    let { state } = beginIntake();
    state = advance(state, { kind: 'answer', field: 'company', raw: 'Acme' }).state;
    const refused = advance(state, { kind: 'answer', field: 'contactName', raw: 'x' });
    expect(refused.view).toMatchObject({ kind: 'ask', field: 'contactName', notice: { kind: 'invalid' } });
    expect(refused.state.values).toEqual({ company: 'Acme' });
  });

  it('goes back one field, cancels, and changes one field from the summary without asking the rest', () => {
    let { state } = beginIntake();
    state = advance(state, { kind: 'answer', field: 'company', raw: 'Acme' }).state;
    expect(advance(state, { kind: 'back' }).view).toMatchObject({ kind: 'ask', field: 'company' });
    expect(advance(state, { kind: 'cancel' }).view).toEqual({ kind: 'cancelled' });

    const full = fill();
    const editing = advance(full, { kind: 'editField', field: 'market' });
    expect(editing.view).toMatchObject({ kind: 'ask', field: 'market' });
    const changed = advance(editing.state, { kind: 'answer', field: 'market', raw: 'Germany' });
    expect(changed.view).toMatchObject({ kind: 'summary', input: { market: 'Germany' } });
  });

  it('refuses a past deadline and ignores a button of an older question', () => {
    let { state } = beginIntake();
    for (const field of intakeFields.slice(0, intakeFields.indexOf('deadline')))
      state = advance(state, { kind: 'answer', field, raw: answers[field] }).state;
    const past = advance(state, { kind: 'answer', field: 'deadline', raw: '2020-01-01' }, { today: TODAY });
    expect(past.view).toMatchObject({ kind: 'ask', field: 'deadline', notice: { kind: 'invalid' } });
    expect(advance(state, { kind: 'answer', field: 'company', raw: 'Other' }).state).toEqual(state);
  });

  it('checks a whole form at once (a modal), each invalid field with its reason', () => {
    const { state } = beginIntake();
    const bad = advance(
      state,
      { kind: 'form', values: { ...answers, contact: 'nope', deadline: '2020-01-01' } },
      { today: TODAY },
    );
    expect(bad.view).toMatchObject({ kind: 'invalid' });
    expect(Object.keys(bad.view.kind === 'invalid' ? bad.view.reasons : {}).sort()).toEqual([
      'contact',
      'deadline',
    ]);
    const good = advance(state, { kind: 'form', values: answers }, { today: TODAY });
    expect(good.view).toMatchObject({ kind: 'summary', input: { company: '宁波照明有限公司' } });
  });
});
