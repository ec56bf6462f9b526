import type { Explanation } from '../../src/answer/answer.ts';

/** `iprisk ask --explain`: why this answer (or abstention) won, for an admin reading a terminal. */
export function formatExplanation(e: Explanation): string {
  const lines = [
    '',
    '--- why',
    `route: ${e.route} — ${e.reason}`,
    `question read as: ${e.resolved}${e.followUp ? ' (follow-up)' : ''}`,
    `markets: ${e.markets.join(', ') || 'none'}${e.uncovered.length > 0 ? `; not covered: ${e.uncovered.join(', ')}` : ''}`,
    `kinds: ${e.kinds.join(', ') || 'none'}; topics: ${e.topics.join(', ') || 'none'}; IP vocabulary: ${e.domain ? 'yes' : 'no'}; active dispute: ${e.activeDispute ? 'yes' : 'no'}`,
  ];
  if (e.cards.length > 0) {
    lines.push('cards:');
    for (const card of e.cards) {
      const features = Object.entries(card.features)
        .map(([name, value]) => `${name}=${value}`)
        .join(' ');
      lines.push(`  ${card.score.toFixed(3)} ${card.id} [${features}] via "${card.paraphrase}"`);
    }
  }
  if (e.passages.length > 0) {
    lines.push('passages:');
    for (const passage of e.passages.slice(0, 5))
      lines.push(`  ${passage.score.toFixed(3)} ${passage.id} — ${passage.section}`);
  }
  if (e.sentences.length > 0) {
    lines.push(`sentences (coverage ${e.coverage ?? 0}):`);
    for (const sentence of e.sentences)
      lines.push(`  ${sentence.score.toFixed(3)} ${sentence.text.slice(0, 120)}`);
  }
  return lines.join('\n');
}
