import type { Config } from '../../src/config/config.ts';
import { IpriskError } from '../../src/errors.ts';

/** What the Slack adapter needs from the configuration, checked once at start. */
export interface SlackSettings {
  /**
   * Socket Mode needs the app-level token (xapp-…) that opens the WebSocket; HTTP mode needs the
   * signing secret that proves requests to /slack/events come from Slack.
   */
  transport: { mode: 'socket'; appToken: string } | { mode: 'http'; signingSecret: string };
  botToken: string;
  apiUrl: string;
  adminIds: ReadonlySet<string>;
  triageChannel: string | undefined;
  sessionTtlSeconds: number;
}

/**
 * Reads the Slack part of the validated config. The config module only knows each variable on
 * its own; which ones are needed together depends on the mode, so that is checked here.
 */
export function slackSettings(config: Config): SlackSettings {
  if (!config.SLACK_BOT_TOKEN) {
    throw new IpriskError('CONFIG_INVALID', 'SLACK_BOT_TOKEN is not set.', {
      hint: 'Set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) from the Slack app settings.',
    });
  }
  let transport: SlackSettings['transport'];
  if (config.SLACK_MODE === 'socket') {
    if (!config.SLACK_APP_TOKEN)
      throw new IpriskError('CONFIG_INVALID', 'SLACK_MODE=socket needs SLACK_APP_TOKEN.', {
        hint:
          'Create an app-level token with the connections:write scope (Basic Information → App-Level Tokens) ' +
          'and set SLACK_APP_TOKEN=xapp-…, or use SLACK_MODE=http with SLACK_SIGNING_SECRET.',
      });
    transport = { mode: 'socket', appToken: config.SLACK_APP_TOKEN };
  } else {
    if (!config.SLACK_SIGNING_SECRET)
      throw new IpriskError('CONFIG_INVALID', 'SLACK_MODE=http needs SLACK_SIGNING_SECRET.', {
        hint: 'Copy the Signing Secret from the Slack app settings (Basic Information → App Credentials).',
      });
    transport = { mode: 'http', signingSecret: config.SLACK_SIGNING_SECRET };
  }
  return {
    transport,
    botToken: config.SLACK_BOT_TOKEN,
    apiUrl: config.SLACK_API_URL,
    adminIds: new Set(config.SLACK_ADMIN_IDS),
    triageChannel: config.SLACK_TRIAGE_CHANNEL,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
  };
}
