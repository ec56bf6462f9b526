import type { App } from '@slack/bolt';
import { registerActions } from './actions.ts';
import { registerAppHome } from './app-home.ts';
import { registerAssistantThreads } from './assistant-threads.ts';
import { registerCheck } from './check.ts';
import { registerCommands } from './commands.ts';
import { dedupeDeliveries } from './dedupe.ts';
import type { SlackDeps } from './deps.ts';
import { createErrorBoundary } from './errors.ts';
import { registerMessages } from './messages.ts';
import { registerNotices } from './notices.ts';
import { registerTriage } from './triage.ts';

/**
 * All of the adapter's behaviour, registered the same way whatever the transport: Socket Mode
 * and HTTP receivers only deliver events to these.
 */
export function registerListeners(app: App, deps: SlackDeps): void {
  app.use(dedupeDeliveries(deps.service, deps.logger));
  registerMessages(app, deps);
  registerAssistantThreads(app, deps);
  registerAppHome(app, deps);
  registerCommands(app, deps);
  registerActions(app, deps);
  registerNotices(app, deps);
  registerCheck(app, deps);
  registerTriage(app, deps);
  app.error(createErrorBoundary({ logger: deps.logger, metrics: deps.metrics, client: app.client }));
}
