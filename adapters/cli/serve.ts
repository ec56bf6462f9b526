import { once } from 'node:events';
import type { Config } from '../../src/config/config.ts';
import { createCore } from '../../src/core.ts';
import type { Logger } from '../../src/logger.ts';
import type { RunningAdapter } from '../adapter.ts';
import { createHttpServer } from '../http/server.ts';
import { startSlack } from '../slack/index.ts';
import { startTelegram } from '../telegram/index.ts';

/**
 * `iprisk serve`: the HTTP server plus every configured chat adapter, until SIGINT or SIGTERM.
 * `until` lets tests stop it without a signal.
 */
export async function serve(
  config: Config,
  logger: Logger,
  until?: Promise<unknown>,
  shutdownMs = SHUTDOWN_MS,
): Promise<void> {
  const core = await createCore(config, logger, { warnSingleInstance: true, verifyAtStart: true });
  if (!config.ADMIN_TOKEN)
    logger.warn(
      'ADMIN_TOKEN is not set: the admin API refuses every request; set one of at least 24 characters to use it',
    );
  const http = createHttpServer(core);
  const adapters: RunningAdapter[] = [];
  const stopFollowing = await core.reloader.follow();
  // Tickets nobody touched within their SLA are announced again; checked every minute.
  const slaTimer = setInterval(() => {
    core.triage.checkSla().catch((err: unknown) => logger.error({ err }, 'SLA check failed'));
  }, 60_000);
  slaTimer.unref();
  try {
    // Listen first: a webhook registered with Telegram or Slack can be called at once.
    const port = await http.listen(config.HTTP_PORT);
    if (config.TELEGRAM_BOT_TOKEN) adapters.push(await startTelegram(core, http));
    if (config.SLACK_BOT_TOKEN) adapters.push(await startSlack(core, http));
    // Notices queued by a reload, a warning or another instance go out once a platform can take them.
    core.noticeSender.start();
    logger.info(
      { port, adapters: adapters.map((a) => a.name), indexVersion: core.service.indexVersion() },
      'iprisk is serving',
    );
    await (until ?? Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]));
    logger.info('shutting down');
  } finally {
    clearInterval(slaTimer);
    // An SDK retrying a call (Slack backs off for minutes) must not hold the process: whatever
    // has not stopped by the deadline is left, and the caller exits.
    const stopped = await withinDeadline(shutdownMs, async () => {
      await core.noticeSender.stop();
      for (const adapter of adapters.reverse())
        await adapter.stop().catch((err) => logger.error({ err }, 'adapter stop failed'));
      await http.close().catch(() => undefined);
      await stopFollowing();
      await core.close();
    });
    if (!stopped) {
      logger.warn({ shutdownMs }, 'shutdown deadline passed; exiting without waiting further');
      http.server.closeAllConnections();
      core.redis?.destroy();
    }
  }
}

/** Longest a shutdown waits for adapters, open requests and Redis before giving up on them. */
const SHUTDOWN_MS = 8_000;

async function withinDeadline(ms: number, work: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work().then(() => true as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
