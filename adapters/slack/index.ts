import type { RequestListener } from 'node:http';
import type { Core } from '../../src/core.ts';
import { IpriskError } from '../../src/errors.ts';
import type { RunningAdapter } from '../adapter.ts';
import type { HttpServer } from '../http/server.ts';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp, type SlackAppOptions } from './app.ts';
import { slackNoticeDeliverer } from './notices.ts';
import { createSlackRequesterNotifier, createSlackStaffNotifier } from './triage-notifiers.ts';

/** How long stopping waits for answers already being worked on. */
const DRAIN_MS = 10_000;

function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/**
 * Connects the assistance-request workflow to Slack: requesters who applied in Slack hear back in
 * their DM with the bot, and with SLACK_TRIAGE_CHANNEL set, every new ticket is posted there as a
 * card for staff. Registered only once the app has started, so a failed start changes nothing.
 */
function registerTicketNotifiers(core: Core, slack: SlackApp): void {
  const { client } = slack.app;
  core.triage.registerRequester('slack', createSlackRequesterNotifier(client, slack.stores));
  core.noticeSender.register('slack', slackNoticeDeliverer(client, core));
  const channel = slack.settings.triageChannel;
  if (!channel) return;
  core.triage.registerStaff(
    createSlackStaffNotifier({
      client,
      channel,
      slaMinutes: {
        urgent: core.config.SLA_MINUTES_URGENT,
        high: core.config.SLA_MINUTES_HIGH,
        normal: core.config.SLA_MINUTES_NORMAL,
        low: core.config.SLA_MINUTES_LOW,
      },
      logger: core.logger.child({ adapter: 'slack' }),
    }),
  );
}

/**
 * Starts the Slack adapter (Bolt) in Socket Mode or HTTP mode. In HTTP mode Bolt's receiver is
 * mounted on the service's HTTP server at /slack/events, where it checks signatures and
 * timestamps; in Socket Mode it opens a WebSocket with SLACK_APP_TOKEN.
 */
export async function startSlack(
  core: Core,
  http: HttpServer,
  options: SlackAppOptions = {},
): Promise<RunningAdapter> {
  const slack = createSlackApp(core, options);
  const log = core.logger.child({ adapter: 'slack' });

  // auth.test: learns the bot's own ids (to ignore itself) and fails the start on a bad token.
  try {
    await slack.app.init();
  } catch (error) {
    const code = slackErrorCode(error);
    throw new IpriskError(
      'CONFIG_INVALID',
      code
        ? `Slack did not accept SLACK_BOT_TOKEN (auth.test: ${code}).`
        : `Could not reach the Slack API at ${slack.settings.apiUrl}.`,
      {
        cause: error,
        hint: code
          ? 'Use the Bot User OAuth Token (xoxb-…) of the installed app (OAuth & Permissions).'
          : 'Check the network and SLACK_API_URL (default https://slack.com/api/).',
      },
    );
  }

  let stopped = false;
  if (slack.mode === 'http') {
    const { receiver } = slack;
    const listener: RequestListener = (req, res) => {
      if (stopped) {
        // Slack retries a delivery that failed; another instance (or this one, restarted) takes it.
        res.writeHead(503, { 'retry-after': '5' });
        res.end();
        return;
      }
      try {
        receiver.requestListener(req, res);
      } catch {
        // Bolt throws for anything but POST at its endpoint.
        res.writeHead(405, { allow: 'POST' });
        res.end();
      }
    };
    http.mount(SLACK_EVENTS_PATH, listener);
  } else {
    try {
      await slack.app.start();
    } catch (error) {
      const code = slackErrorCode(error);
      throw new IpriskError(
        'CONFIG_INVALID',
        code
          ? `Slack did not accept SLACK_APP_TOKEN (apps.connections.open: ${code}).`
          : 'Could not open the Socket Mode connection to Slack.',
        {
          cause: error,
          hint: 'Use an app-level token (xapp-…) with connections:write, and enable Socket Mode in the app settings.',
        },
      );
    }
  }
  registerTicketNotifiers(core, slack);
  log.info({ mode: slack.mode, triageChannel: slack.settings.triageChannel }, 'slack adapter started');

  return {
    name: 'slack',
    async stop() {
      stopped = true;
      if (slack.mode === 'socket') await slack.app.stop();
      await slack.inflight.drain(DRAIN_MS);
      log.info('slack adapter stopped');
    },
  };
}
