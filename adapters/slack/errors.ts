import type { App, webApi } from '@slack/bolt';
import type { Metrics } from '../../src/admin/metrics.ts';
import { isIpriskError } from '../../src/errors.ts';
import type { Logger } from '../../src/logger.ts';
import type { Lang } from '../../src/text/lang.ts';
import { langOf, say } from './copy.ts';

const EXCERPT = 100;

/** Bolt does not export the extended handler's argument type; its last `error` overload takes it. */
type ExtendedErrorHandler = Parameters<App['error']>[0];
type ExtendedErrorHandlerArgs = Parameters<ExtendedErrorHandler>[0];

/** The parts of an incoming body the boundary logs and uses to reach the user. */
interface Origin {
  type: string | undefined;
  eventType: string | undefined;
  user: string | undefined;
  channel: string | undefined;
  threadTs: string | undefined;
  text: string | undefined;
  responseUrl: string | undefined;
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const obj = (value: unknown) =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

function originOf(body: unknown): Origin {
  const b = obj(body) ?? {};
  const event = obj(b.event);
  if (event) {
    return {
      type: str(b.type),
      eventType: str(event.type),
      user: str(event.user),
      channel: str(event.channel),
      threadTs: str(event.thread_ts) ?? (str(event.channel_type) === 'im' ? undefined : str(event.ts)),
      text: str(event.text),
      responseUrl: undefined,
    };
  }
  // Slash commands are flat; interactive payloads nest user and channel.
  return {
    type: str(b.type) ?? (str(b.command) ? 'command' : undefined),
    eventType: str(b.command),
    user: str(b.user_id) ?? str(obj(b.user)?.id),
    channel: str(b.channel_id) ?? str(obj(b.channel)?.id),
    threadTs: undefined,
    text: str(b.text) ?? str(obj(b.message)?.text),
    responseUrl: str(b.response_url),
  };
}

function slackErrorCode(error: unknown): string | undefined {
  return str(obj(obj(error)?.data)?.error);
}

function userNotice(error: unknown, lang: Lang): string {
  if (isIpriskError(error, 'FORBIDDEN')) return error.message;
  // Only admins can reload, and they need to know which document to fix.
  if (isIpriskError(error, 'KNOWLEDGE_INVALID'))
    return `${error.message}${error.hint ? `\n${error.hint}` : ''}`.slice(0, 1000);
  if (
    isIpriskError(error, 'STORE_UNAVAILABLE') ||
    isIpriskError(error, 'INDEX_UNAVAILABLE') ||
    isIpriskError(error, 'LLM_UNAVAILABLE')
  )
    return say('unavailable', lang);
  const slackError = slackErrorCode(error);
  if (slackError === 'not_in_channel' || slackError === 'channel_not_found') return say('notInChannel', lang);
  return say('failed', lang);
}

export interface ErrorBoundaryDeps {
  logger: Logger;
  metrics: Metrics;
  /** The app's own client (bot token), for telling the user. */
  client: webApi.WebClient;
  fetch?: typeof fetch;
}

/**
 * The one place Slack-side failures end up (Bolt routes listener and middleware errors here):
 * log the detail without tokens or whole messages, count it, and tell the user something short
 * where there is a way to reach them.
 */
export function createErrorBoundary(deps: ErrorBoundaryDeps): ExtendedErrorHandler {
  const fetchFn = deps.fetch ?? fetch;

  async function tell(origin: Origin, text: string): Promise<void> {
    if (origin.responseUrl) {
      await fetchFn(origin.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
      });
    } else if (origin.channel && origin.user) {
      await deps.client.chat.postEphemeral({
        channel: origin.channel,
        user: origin.user,
        text,
        ...(origin.threadTs ? { thread_ts: origin.threadTs } : {}),
      });
    }
  }

  return async ({ error, body, context }: ExtendedErrorHandlerArgs): Promise<void> => {
    deps.metrics.inc('iprisk_errors_total', { platform: 'slack' });
    const origin = originOf(body);
    deps.logger.error(
      {
        err: {
          name: error.name,
          code: error.code,
          message: error.message.slice(0, 300),
          slackError: slackErrorCode(error),
          stack: error.stack?.split('\n').slice(0, 8).join('\n'),
        },
        type: origin.type,
        eventType: origin.eventType,
        userId: origin.user ? `slack:${origin.user}` : undefined,
        channel: origin.channel,
        retryNum: context.retryNum,
        text: origin.text?.slice(0, EXCERPT),
      },
      'slack request failed',
    );
    try {
      await tell(origin, userNotice(error, langOf(origin.text)));
    } catch (notifyError) {
      deps.logger.warn(
        { err: (notifyError as Error).message?.slice(0, 300), slackError: slackErrorCode(notifyError) },
        'could not tell the slack user about a failure',
      );
    }
  };
}
