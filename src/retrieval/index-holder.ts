import type { KnowledgeIndex } from './knowledge-index.ts';

/**
 * Holds the serving index. Questions take a reference at their start, so swapping in a new
 * version never changes the index under a question already being answered.
 */
export function createIndexHolder(initial: KnowledgeIndex) {
  let current = initial;
  return {
    get: () => current,
    swap(next: KnowledgeIndex) {
      const previous = current;
      current = next;
      return previous;
    },
  };
}

export type IndexHolder = ReturnType<typeof createIndexHolder>;
