/** 2026-02-30 parses in JavaScript (as 2 March); a real day reads back the same. */
export function isRealDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && isoDay(date) === value;
}

/** The UTC day of a moment, as documents and counters write it (2026-12-01). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
