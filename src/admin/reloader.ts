import type { Logger } from '../logger.ts';
import type { BuildDeps, BuildReport } from '../retrieval/index-builder.ts';
import { openIndex } from '../retrieval/index-builder.ts';
import type { IndexHolder } from '../retrieval/index-holder.ts';

/**
 * Rebuilds the index from the knowledge folder and swaps it in. Questions already being answered
 * keep the index they started with; a failed build leaves the serving index untouched. Two
 * reloads asked for at once share one build.
 */
export function createReloader(deps: { build: BuildDeps; holder: IndexHolder; logger: Logger }) {
  let running: Promise<BuildReport> | undefined;
  async function run(): Promise<BuildReport> {
    const { index, report } = await openIndex(deps.build);
    if (index.manifest.version !== deps.holder.get().manifest.version) deps.holder.swap(index);
    deps.logger.info(
      {
        version: report.version,
        added: report.added.length,
        changed: report.changed.length,
        removed: report.removed.length,
        rejected: report.rejected.length,
        ms: report.ms,
      },
      'knowledge reloaded',
    );
    return report;
  }
  return {
    reload(): Promise<BuildReport> {
      running ??= run().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}

export type Reloader = ReturnType<typeof createReloader>;
