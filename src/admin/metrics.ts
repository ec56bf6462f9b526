/** A few counters in Prometheus text format; enough for dashboards without another dependency. */
export function createMetrics() {
  const counters = new Map<string, number>();
  const key = (name: string, labels: Record<string, string>) => {
    const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/gu, '_')}"`);
    return parts.length > 0 ? `${name}{${parts.join(',')}}` : name;
  };
  const help: Record<string, string> = {
    iprisk_questions_total: 'Questions answered, by platform and outcome.',
    iprisk_answer_ms_sum: 'Total time spent answering, in milliseconds.',
    iprisk_answer_ms_count: 'Answers timed.',
    iprisk_feedback_total: 'Feedback votes, by vote.',
    iprisk_reloads_total: 'Knowledge reloads, by result.',
    iprisk_errors_total: 'Errors caught at an adapter boundary, by platform.',
    iprisk_notices_total:
      'Notices to followers (rule changes, admin warnings), by kind and outcome (sent, failed, skipped).',
    iprisk_notice_optouts_total: 'Followers who stopped notices from a notice, by platform.',
  };
  return {
    inc(name: string, labels: Record<string, string> = {}, by = 1) {
      const k = key(name, labels);
      counters.set(k, (counters.get(k) ?? 0) + by);
    },
    render(gauges: Record<string, number> = {}): string {
      const lines: string[] = [];
      const names = new Set([...counters.keys()].map((k) => k.split('{')[0] as string));
      for (const name of [...names].sort()) {
        if (help[name]) lines.push(`# HELP ${name} ${help[name]}`);
        lines.push(`# TYPE ${name} counter`);
        for (const [k, v] of counters) if (k.split('{')[0] === name) lines.push(`${k} ${v}`);
      }
      for (const [name, value] of Object.entries(gauges))
        lines.push(`# TYPE ${name} gauge`, `${name} ${value}`);
      return `${lines.join('\n')}\n`;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
