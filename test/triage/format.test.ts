import { describe, expect, it } from 'vitest';
import { personLabel, staffTime } from '../../src/triage/format.ts';

describe('ticket text for staff', () => {
  it('names people as staff know them', () => {
    const t = { assignee: 'telegram:555', assigneeName: 'Wang Fang' };
    expect(personLabel('telegram:555', t)).toBe('Wang Fang');
    expect(personLabel('staff:telegram:555', t)).toBe('Wang Fang');
    expect(personLabel('telegram:9001', t)).toBe('Telegram user 9001');
    expect(personLabel('slack:U123', {})).toBe('Slack user U123');
  });

  it('gives times in the staff time zone, named', () => {
    expect(staffTime('2026-11-30T20:05:00.000Z', 'Asia/Shanghai')).toBe('2026-12-01 04:05 (Asia/Shanghai)');
    expect(staffTime('2026-11-30T20:05:00.000Z', 'UTC')).toBe('2026-11-30 20:05 (UTC)');
  });
});
