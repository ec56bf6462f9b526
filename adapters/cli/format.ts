import type { AnswerResult } from '../../src/answer/answer.ts';
import type { BuildReport } from '../../src/retrieval/index-builder.ts';

export function formatAnswer(result: AnswerResult): string {
  return result.answer;
}

export function formatBuildReport(report: BuildReport): string {
  const lines = [
    `index ${report.version}: ${report.reused ? 'unchanged, loaded' : 'built'} — ${report.documents} documents, ${report.chunks} chunks, ${report.embedded} embedded, ${report.ms} ms`,
  ];
  if (report.added.length > 0) lines.push(`  added: ${report.added.join(', ')}`);
  if (report.changed.length > 0) lines.push(`  changed: ${report.changed.join(', ')}`);
  if (report.removed.length > 0) lines.push(`  removed: ${report.removed.join(', ')}`);
  for (const problem of report.rejected) lines.push(`  rejected ${problem.path}: ${problem.reason}`);
  if (report.notices)
    lines.push(
      `  notices: ${report.notices.notices} changed documents concern followed markets; ${report.notices.queued} messages queued`,
    );
  for (const doc of report.freshness.pastReviewBy)
    lines.push(`  review due ${doc.path}: review_by ${doc.reviewBy}`);
  for (const doc of report.freshness.olderThanAYear)
    lines.push(`  not updated for a year ${doc.path}: updated ${doc.updated}`);
  return lines.join('\n');
}
