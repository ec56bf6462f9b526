import { randomBytes } from 'node:crypto';
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Core } from '../../src/core.ts';
import { boltLogger } from './bolt-logger.ts';
import type { SlackDeps } from './deps.ts';
import { createInflight, type Inflight } from './inflight.ts';
import { registerListeners } from './listeners.ts';
import { type SlackSettings, slackSettings } from './settings.ts';
import { createSlackStores, type SlackStores } from './stores.ts';

/** Where Slack sends events, commands and interactivity in HTTP mode (shared/ARCHITECTURE.md). */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAppOptions {
  /**
   * Web API retry policy. Rate-limited calls wait for Slack's Retry-After and are retried under
   * this policy; production uses five retries in five minutes, tests something quicker.
   */
  retryConfig?: webApi.RetryOptions;
}

export type SlackApp = {
  app: App;
  settings: SlackSettings;
  inflight: Inflight;
  /** Shared with the ticket notifiers registered in startSlack. */
  stores: SlackStores;
} & ({ mode: 'http'; receiver: HTTPReceiver } | { mode: 'socket'; receiver: SocketModeReceiver });

/**
 * Builds the Bolt app over the transport chosen by SLACK_MODE. The receivers only move events;
 * all behaviour is in the listeners, registered identically for both.
 */
export function createSlackApp(core: Core, options: SlackAppOptions = {}): SlackApp {
  const settings = slackSettings(core.config);
  const logger = boltLogger(core.logger);
  const transport = settings.transport;
  const receiver =
    transport.mode === 'http'
      ? new HTTPReceiver({
          signingSecret: transport.signingSecret,
          endpoints: SLACK_EVENTS_PATH,
          logger,
          // Acknowledge at once and answer afterwards: Slack waits only 3 seconds.
          processBeforeResponse: false,
        })
      : new SocketModeReceiver({
          appToken: transport.appToken,
          logger,
          // apps.connections.open goes to the same API as everything else (SLACK_API_URL).
          installerOptions: { clientOptions: { slackApiUrl: settings.apiUrl } },
        });

  const app = new App({
    token: settings.botToken,
    receiver,
    logger,
    clientOptions: {
      slackApiUrl: settings.apiUrl,
      retryConfig: options.retryConfig ?? webApi.retryPolicies.fiveRetriesInFiveMinutes,
      rejectRateLimitedCalls: false,
    },
    // The core keeps conversation state; Bolt's in-memory store would not be shared by instances.
    convoStore: false,
    // Gives the error boundary the request body, so it can reach the user.
    extendedErrorHandler: true,
    // No network in the constructor: auth.test runs in startSlack, where a bad token can fail the start.
    deferInitialization: true,
  });

  const deps: SlackDeps = {
    service: core.service,
    triage: core.triage,
    logger: core.logger.child({ adapter: 'slack' }),
    metrics: core.metrics,
    stores: createSlackStores(core.redis, core.store),
    settings,
    newId: () => randomBytes(9).toString('base64url'),
    following: core.following,
    followNames: core.followNames,
    notices: core.notices,
    riskCheck: core.riskCheck,
  };
  const inflight = createInflight();
  app.use(inflight.middleware);
  registerListeners(app, deps);

  return receiver instanceof HTTPReceiver
    ? { app, settings, inflight, stores: deps.stores, mode: 'http', receiver }
    : { app, settings, inflight, stores: deps.stores, mode: 'socket', receiver };
}
