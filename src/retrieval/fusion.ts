/**
 * Reciprocal rank fusion: combines rankings by position, not by score, so BM25 scores and cosine
 * similarities need no common scale. k=60 is the value from the original paper.
 */
export function reciprocalRankFusion(
  rankings: Array<{ ids: string[]; weight: number }>,
  k = 60,
): Map<string, number> {
  const fused = new Map<string, number>();
  for (const { ids, weight } of rankings) {
    ids.forEach((id, rank) => {
      fused.set(id, (fused.get(id) ?? 0) + weight / (k + rank + 1));
    });
  }
  return fused;
}
