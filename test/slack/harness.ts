import type { RunningAdapter } from '../../adapters/adapter.ts';
import { createHttpServer, type HttpServer } from '../../adapters/http/server.ts';
import { startSlack } from '../../adapters/slack/index.ts';
import { createLogger } from '../../src/logger.ts';
import { startCore } from '../helpers/fixture-core.ts';
import { type RedisServer, startRedis } from '../helpers/redis-server.ts';
import { type FakeSlackApi, type RecordedCall, startFakeSlackApi } from './fake-slack-api.ts';
import { signedHeaders } from './signing.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export const ADMIN = 'UADMIN';

/** Quick Web API retries, so a rate-limit test does not wait minutes. */
export const testRetryConfig = { retries: 2, minTimeout: 10, maxTimeout: 50 };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Harness = Awaited<ReturnType<typeof startSlackHarness>>;

/**
 * The service as `iprisk serve` runs it in HTTP mode: real Redis, a fixture core, our HTTP server
 * with the Slack adapter mounted, and the Web API pointed at a fake Slack.
 */
export async function startSlackHarness(
  env: Record<string, string> = {},
  /** Collects the adapter's (and Bolt's) log lines at debug level, e.g. to check what is logged. */
  options: { logLines?: string[] } = {},
) {
  const redis: RedisServer = await startRedis();
  const api: FakeSlackApi = await startFakeSlackApi();
  const started = await startCore(undefined, {
    REDIS_URL: redis.url,
    SLACK_MODE: 'http',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.apiUrl,
    SLACK_ADMIN_IDS: ADMIN,
    ...env,
  });
  const { logLines } = options;
  const core = logLines
    ? {
        ...started,
        logger: createLogger('debug', {
          write: (line: string) => {
            logLines.push(line);
          },
        }),
      }
    : started;
  const http: HttpServer = createHttpServer(core);
  const adapter: RunningAdapter = await startSlack(core, http, { retryConfig: testRetryConfig });
  const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  let sequence = 0;
  const next = () => {
    sequence += 1;
    return sequence;
  };

  const send = (rawBody: string, contentType: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/slack/events`, {
      method: 'POST',
      body: rawBody,
      headers: { 'content-type': contentType, ...signedHeaders(SIGNING_SECRET, rawBody), ...headers },
    });

  /** An interactive payload (button, select, view submission) as Slack posts it: form-encoded `payload=<json>`. */
  const interact = (payload: Record<string, unknown>) =>
    send(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
    );
  const team = { id: 'T1', domain: 't1' };
  const userOf = (id: string) => ({ id, username: `user-${id}`, name: `user-${id}`, team_id: 'T1' });

  return {
    core,
    api,
    base,
    send,
    redis,
    /**
     * A modal submitted (`view_submission`); resolves with Slack's HTTP response and the parsed
     * `response_action` body the adapter acknowledged with (undefined for an empty ack).
     */
    async submitView(input: {
      callbackId: string;
      privateMetadata: string;
      values?: Record<string, Record<string, unknown>>;
      user?: string;
      viewId?: string;
    }) {
      const payload = {
        type: 'view_submission',
        team,
        user: userOf(input.user ?? 'U1'),
        api_app_id: 'A1',
        token: 'legacy-verification-token',
        trigger_id: `trigger-view-${next()}`,
        view: {
          id: input.viewId ?? `V${next()}`,
          team_id: 'T1',
          type: 'modal',
          callback_id: input.callbackId,
          private_metadata: input.privateMetadata,
          state: { values: input.values ?? {} },
          hash: `hash-${next()}`,
          title: { type: 'plain_text', text: 'modal' },
          blocks: [],
          close: null,
          submit: null,
          app_id: 'A1',
          bot_id: 'BBOT',
          root_view_id: null,
          previous_view_id: null,
          clear_on_close: false,
          notify_on_close: false,
        },
        response_urls: [],
      };
      const response = await interact(payload);
      const text = await response.text();
      return { response, ack: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
    },
    /**
     * A control pressed (`block_actions`): on a message (`channel`, `messageTs`) or inside a modal
     * (`view`). `action` is the element as Slack reports it (button value, select's selected_option).
     */
    async blockAction(input: {
      action: Record<string, unknown>;
      user?: string;
      channel?: string;
      messageTs?: string;
      view?: { id: string; private_metadata: string };
    }) {
      const responseId = `action-${next()}`;
      const where = input.view
        ? {
            container: { type: 'view', view_id: input.view.id },
            view: { ...input.view, hash: `hash-${next()}`, callback_id: 'modal', type: 'modal' },
          }
        : {
            container: {
              type: 'message',
              message_ts: input.messageTs ?? '1.1',
              channel_id: input.channel ?? 'C1',
            },
            channel: { id: input.channel ?? 'C1', name: 'channel' },
            message: { type: 'message', ts: input.messageTs ?? '1.1', text: 'a card' },
            response_url: api.responseUrl(responseId),
          };
      const payload = {
        type: 'block_actions',
        user: userOf(input.user ?? 'U1'),
        api_app_id: 'A1',
        token: 'legacy-verification-token',
        trigger_id: `trigger-${responseId}`,
        team,
        ...where,
        actions: [{ block_id: 'b1', action_ts: String(Date.now() / 1000), ...input.action }],
      };
      return { response: await interact(payload), responseId };
    },
    /** An Events API `event_callback` delivery; `retryNum` adds Slack's retry headers. */
    async postEvent(event: Record<string, unknown>, options: { eventId?: string; retryNum?: number } = {}) {
      const eventId = options.eventId ?? `Ev${next()}`;
      const body = JSON.stringify({
        token: 'legacy-verification-token',
        team_id: 'T1',
        api_app_id: 'A1',
        event,
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
      });
      const retry: Record<string, string> =
        options.retryNum === undefined
          ? {}
          : { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' };
      return { response: await send(body, 'application/json', retry), eventId };
    },
    /** A slash command as Slack posts it; its response_url points at the fake API. */
    async postCommand(fields: { text: string; user?: string; channel?: string }) {
      const responseId = `cmd-${next()}`;
      const body = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: 'T1',
        team_domain: 't1',
        channel_id: fields.channel ?? 'C1',
        channel_name: 'general',
        user_id: fields.user ?? 'U1',
        user_name: 'someone',
        command: '/iprisk',
        text: fields.text,
        api_app_id: 'A1',
        response_url: api.responseUrl(responseId),
        trigger_id: `trigger-${responseId}`,
      }).toString();
      return { response: await send(body, 'application/x-www-form-urlencoded'), responseId };
    },
    /** A button press (`block_actions`) as Slack posts it: form-encoded `payload=<json>`. */
    async pressButton(input: { actionId: string; value: string; user?: string; channel?: string }) {
      const responseId = `action-${next()}`;
      const payload = {
        type: 'block_actions',
        user: { id: input.user ?? 'U1', username: 'someone', team_id: 'T1' },
        api_app_id: 'A1',
        token: 'legacy-verification-token',
        container: { type: 'message', message_ts: '1.1', channel_id: input.channel ?? 'C1' },
        trigger_id: `trigger-${responseId}`,
        team: { id: 'T1', domain: 't1' },
        channel: { id: input.channel ?? 'C1', name: 'general' },
        message: { type: 'message', ts: '1.1', text: 'an answer' },
        response_url: api.responseUrl(responseId),
        actions: [
          {
            type: 'button',
            action_id: input.actionId,
            block_id: 'b1',
            value: input.value,
            text: { type: 'plain_text', text: 'button' },
            action_ts: String(Date.now() / 1000),
          },
        ],
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return { response: await send(body, 'application/x-www-form-urlencoded'), responseId };
    },
    /** Waits for the bot's message in a channel (and thread, when given). */
    posted(channel: string, threadTs?: string, matches: (call: RecordedCall) => boolean = () => true) {
      return api.waitFor((calls) =>
        calls.find(
          (call) =>
            call.method === 'chat.postMessage' &&
            call.body.channel === channel &&
            (threadTs === undefined || call.body.thread_ts === threadTs) &&
            matches(call),
        ),
      );
    },
    postsTo: (channel: string) =>
      api.callsTo('chat.postMessage').filter((call) => call.body.channel === channel),
    /** Waits for what the adapter sent to a response_url. */
    responded(responseId: string) {
      return api.waitFor((calls) => calls.find((call) => call.method === `response:${responseId}`));
    },
    async stop() {
      await adapter.stop();
      await http.close();
      await core.close();
      await api.stop();
      await redis.stop();
    },
  };
}

interface ButtonElement {
  action_id?: string;
  value?: string;
}

/** The value of a button in a recorded message's blocks (the stored answer's id). */
export function buttonValue(call: RecordedCall, actionId: string): string | undefined {
  const blocks = (call.body.blocks ?? []) as Array<{ type: string; elements?: ButtonElement[] }>;
  for (const block of blocks)
    for (const element of block.elements ?? []) if (element.action_id === actionId) return element.value;
  return undefined;
}

/** All mrkdwn/plain text in a recorded message's blocks, for content checks. */
export function blockText(call: RecordedCall): string {
  return JSON.stringify(call.body.blocks ?? []);
}
