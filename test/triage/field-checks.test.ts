import { describe, expect, it } from 'vitest';
import { reasonIn } from '../../src/copy/field-reasons.ts';
import { checkField, fieldReasons, ticketInputSchema } from '../../src/triage/ticket.ts';

const TODAY = new Date('2026-11-21T10:00:00Z');

describe('field checks on what a Chinese keyboard types', () => {
  it('folds a full-width ＠ and full-width digits in the contact to ASCII', () => {
    expect(checkField('contact', '张伟＠example.com')).toEqual({ ok: true, value: '张伟@example.com' });
    expect(checkField('contact', '１３８０００００００１')).toEqual({ ok: true, value: '13800000001' });
    // A full-width plus and ideographic spaces, as typed in a Chinese input method.
    expect(checkField('contact', '＋８６　１３８　００００　００００')).toEqual({
      ok: true,
      value: '+86 138 0000 0000',
    });
    expect(checkField('contact', '张伟＠example')).toEqual({
      ok: false,
      reason: 'Give an email address or a phone number.',
    });
  });

  it('folds fields whose form is checked, and keeps free text as typed', () => {
    expect(checkField('deadline', '２０２６－１２－０１', { today: TODAY })).toEqual({
      ok: true,
      value: '2026-12-01',
    });
    expect(checkField('question', 'ｓｋｉｐ')).toEqual({ ok: true, value: undefined });
    // Chinese punctuation in what the requester wrote stays as they wrote it.
    expect(checkField('company', '宁波（国际）贸易有限公司')).toEqual({
      ok: true,
      value: '宁波（国际）贸易有限公司',
    });
    expect(checkField('description', '货被扣了，怎么办？')).toEqual({
      ok: true,
      value: '货被扣了，怎么办？',
    });
  });

  it('takes a short complete Chinese sentence as a description, counting a Han character as two', () => {
    expect(checkField('description', '资金被冻结了')).toEqual({ ok: true, value: '资金被冻结了' });
    expect(checkField('description', '货物被扣留')).toEqual({ ok: true, value: '货物被扣留' });
    expect(checkField('description', 'TRO冻结账户')).toEqual({ ok: true, value: 'TRO冻结账户' });
    expect(checkField('description', 'TRO冻结了')).toMatchObject({ ok: false });
    expect(checkField('description', 'Frozen now')).toEqual({ ok: true, value: 'Frozen now' });
    expect(checkField('description', '被冻结了')).toEqual({ ok: false, reason: fieldReasons.description });
    expect(checkField('description', 'Frozen!')).toEqual({ ok: false, reason: fieldReasons.description });
    expect(fieldReasons.description).toBe(
      'Describe the dispute in a sentence or two (at least 10 letters or 5 Chinese characters).',
    );
    expect(reasonIn(fieldReasons.description, 'zh')).toBe(
      '请用一两句话说明纠纷情况（至少5个汉字或10个字母）。',
    );
  });

  it('lets the whole input pass the schema the submit and Slack paths parse with', () => {
    const parsed = ticketInputSchema.parse({
      company: '宁波照明有限公司',
      contactName: '张伟',
      contact: '张伟＠example.com',
      market: '美国',
      ipType: 'trademark',
      disputeType: 'schedule-a',
      description: '资金被冻结了',
    });
    expect(parsed).toMatchObject({ contact: '张伟@example.com', description: '资金被冻结了' });
  });
});

describe('deadline against the caller’s clock', () => {
  it('refuses a day that has passed, with the reason, in both languages', () => {
    expect(checkField('deadline', '2020-01-01', { today: TODAY })).toEqual({
      ok: false,
      reason: 'That date has passed; give the next deadline, or none.',
    });
    expect(checkField('deadline', '2026-11-20', { today: TODAY })).toEqual({
      ok: false,
      reason: fieldReasons.deadlinePassed,
    });
    expect(reasonIn(fieldReasons.deadlinePassed, 'zh')).toContain('该日期已过');
  });

  it('takes today, later days and "none"', () => {
    expect(checkField('deadline', '2026-11-21', { today: TODAY })).toEqual({ ok: true, value: '2026-11-21' });
    // Late in the UTC day it is still the same day.
    expect(checkField('deadline', '2026-11-21', { today: new Date('2026-11-21T23:59:59Z') })).toEqual({
      ok: true,
      value: '2026-11-21',
    });
    expect(checkField('deadline', '2026-11-22', { today: TODAY })).toEqual({ ok: true, value: '2026-11-22' });
    expect(checkField('deadline', 'none', { today: TODAY })).toEqual({ ok: true, value: undefined });
  });

  it('still says a non-existent day does not exist rather than that it passed', () => {
    expect(checkField('deadline', '2020-02-30', { today: TODAY })).toEqual({
      ok: false,
      reason: 'That date does not exist.',
    });
  });

  it('gives every field reason in Chinese for a Chinese-speaking requester', () => {
    for (const [field, value] of [
      ['company', 'A'],
      ['contactName', 'B'],
      ['contact', 'not a contact'],
      ['market', 'X'],
      ['deadline', '1 May'],
    ] as const) {
      const result = checkField(field, value);
      if (result.ok) throw new Error(`${field} should be refused`);
      expect(reasonIn(result.reason, 'zh')).toMatch(/\p{Script=Han}/u);
    }
  });
});
