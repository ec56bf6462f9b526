import type { DisputeType, Priority, TicketInput } from './ticket.ts';

type Level = Priority['level'];

/** The lowest score of each level; a type's minimum lifts the score to it, so the queue agrees. */
const levelFloor: Record<Level, number> = { urgent: 80, high: 50, normal: 25, low: 0 };

/**
 * How much each kind of dispute presses by itself: a 337 response (20 days from service) or a
 * Schedule A asset freeze (a TRO lasts 14 days) cannot wait; EU customs counts in working days
 * (10, or 3 for perishables); a trade-fair injunction comes within hours. `atLeast` is for the
 * kinds whose clock runs whether or not the requester knows the date: a missing deadline must
 * not let them sink below it.
 */
const typeWeight: Record<DisputeType, { points: number; reason: string; atLeast?: Level }> = {
  'section-337': {
    points: 40,
    reason: 'Section 337: the response is due 20 days after service',
    atLeast: 'high',
  },
  'schedule-a': {
    points: 40,
    reason: 'Schedule A: accounts frozen under a TRO of at most 14 days',
    atLeast: 'high',
  },
  'trade-fair': { points: 35, reason: 'Trade fair: injunctions can come within hours' },
  'customs-detention': {
    points: 30,
    reason: 'Customs detention: the clock runs in working days (10, or 3 for perishables)',
    atLeast: 'high',
  },
  'us-lawsuit': { points: 30, reason: 'US lawsuit: the answer is due 21 days after service' },
  'platform-takedown': { points: 20, reason: 'Platform takedown: listings down, sales lost daily' },
  'warning-letter': { points: 15, reason: 'Warning letter: reply deadlines are often short' },
  'trademark-squatting': {
    points: 10,
    reason: 'Trademark squatting: opposition windows are fixed but usually weeks or months',
  },
  other: { points: 5, reason: 'Other dispute' },
};

const activeStage =
  /served|sued|detained|seized|frozen|delisted|injunction|tro\b|default|送达|起诉|扣留|扣押|冻结|下架|禁令|缺席/iu;

function daysBetween(from: Date, isoDay: string): number {
  const due = Date.parse(`${isoDay}T23:59:59Z`);
  return Math.floor((due - from.getTime()) / 86_400_000);
}

export function computePriority(input: TicketInput, now: Date): Priority {
  const reasons: string[] = [];
  let score = 0;
  if (input.deadline) {
    const days = daysBetween(now, input.deadline);
    const points =
      days < 0
        ? 70
        : days <= 3
          ? 60
          : days <= 7
            ? 45
            : days <= 14
              ? 30
              : days <= 30
                ? 15
                : days <= 60
                  ? 5
                  : 0;
    score += points;
    reasons.push(
      days < 0
        ? `Deadline passed ${-days} day(s) ago (${input.deadline})`
        : `Deadline in ${days} day(s) (${input.deadline})`,
    );
  } else {
    reasons.push('No deadline given');
  }
  const type = typeWeight[input.disputeType];
  score += type.points;
  reasons.push(type.reason);
  if (activeStage.test(input.description)) {
    score += 10;
    reasons.push('Described as already under way (served, detained, frozen…)');
  }
  if (type.atLeast && score < levelFloor[type.atLeast]) {
    score = levelFloor[type.atLeast];
    reasons.push(`At least ${type.atLeast.toUpperCase()} for this kind of dispute, deadline known or not`);
  }
  const level: Level =
    score >= levelFloor.urgent
      ? 'urgent'
      : score >= levelFloor.high
        ? 'high'
        : score >= levelFloor.normal
          ? 'normal'
          : 'low';
  return { score, level, reasons };
}
