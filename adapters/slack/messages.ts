import type { App, webApi } from '@slack/bolt';
import { unlessStoreDown } from '../../src/sessions/tolerant-store.ts';
import { titleThread } from './assistant-threads.ts';
import { answerMessages, noticeMessage, type SlackMessage } from './blocks.ts';
import { say, usage } from './copy.ts';
import type { SlackDeps } from './deps.ts';
import { ask, post } from './reply.ts';
import { threadKey } from './stores.ts';
import { slackStream } from './stream.ts';
import { relayRequesterMessage, relayStaffMessage } from './triage.ts';

/** The fields of a message or app_mention event the adapter acts on. */
export interface UserMessage {
  channel: string;
  channelType: string | undefined;
  user: string;
  text: string;
  ts: string;
  threadTs: string | undefined;
  /** Files shared with the message (subtype file_share); absent when there are none. */
  files?: SlackFile[];
}

/** A file as the message event describes it: nothing is downloaded until it passed the policy. */
export interface SlackFile {
  id: string | undefined;
  name: string;
  /** As Slack reports it; checked against the policy, not trusted for anything else. */
  mimeType: string;
  size: number;
  /**
   * Needs the bot token to download. Absent when Slack only names the file (`file_access:
   * check_file_info`, e.g. from a Slack Connect DM): files.info then gives the rest.
   */
  downloadUrl: string | undefined;
}

/** The `files` of a file_share event, read as defensively as the rest of the event. */
function readFiles(value: unknown): SlackFile[] {
  if (!Array.isArray(value)) return [];
  const files: SlackFile[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const f = item as Record<string, unknown>;
    const str = (key: string) => (typeof f[key] === 'string' ? (f[key] as string) : undefined);
    // A deleted file (tombstone) is nothing to pass on.
    if (str('mode') === 'tombstone') continue;
    files.push({
      id: str('id'),
      name: str('name') ?? str('title') ?? 'file',
      mimeType: str('mimetype') ?? '',
      size: typeof f.size === 'number' ? f.size : 0,
      downloadUrl: str('url_private_download') ?? str('url_private'),
    });
  }
  return files;
}

/** Subtypes that are still a person writing something new; everything else (edits, deletions, joins, bots) is not. */
const ANSWERABLE_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

/**
 * Reads a message or app_mention event defensively: Bolt's event types are a wide union, and
 * anything that is not plainly a person's new message is ignored rather than answered.
 */
export function readUserMessage(event: unknown): UserMessage | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Record<string, unknown>;
  const str = (key: string) => (typeof e[key] === 'string' ? (e[key] as string) : undefined);
  const subtype = str('subtype');
  if (!ANSWERABLE_SUBTYPES.has(subtype)) return undefined;
  // Never answer a bot, including ourselves: two bots could otherwise talk forever.
  if (e.bot_id || e.bot_profile) return undefined;
  const channel = str('channel');
  const user = str('user');
  const ts = str('ts');
  const text = str('text');
  if (!channel || !user || !ts || text === undefined) return undefined;
  const files = readFiles(e.files);
  return {
    channel,
    channelType: str('channel_type'),
    user,
    text,
    ts,
    threadTs: str('thread_ts'),
    ...(files.length > 0 ? { files } : {}),
  };
}

/**
 * A labelled link for text another person reads: the label, with the address after it unless the
 * label already is the address (Slack labels a pasted link with the link itself, minus `https://`).
 */
function linkWithAddress(url: string, label: string): string {
  const address = url.replace(/^mailto:/u, '');
  const bare = (s: string) =>
    s
      .replace(/^(?:https?:\/\/|mailto:)/u, '')
      .replace(/\/$/u, '')
      .toLowerCase();
  return bare(label) === bare(url) ? address : `${label} (${address})`;
}

/**
 * Turns Slack's message markup into plain text: mentions are dropped, channel references keep
 * their label, and Slack's &amp; &lt; &gt; are decoded. A question for the assistant keeps only a
 * link's label (the address is noise to retrieval); text relayed to a person (`keepLinks`) keeps
 * the address too, or the reader gets a label that leads nowhere.
 */
export function plainText(text: string, options: { keepLinks?: boolean } = {}): string {
  return text
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/gu, ' ')
    .replace(/<!(?:here|channel|everyone)(?:\|[^>]*)?>/gu, ' ')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/gu, '#$1')
    .replace(/<((?:https?|mailto):[^|>]*)\|([^>]*)>/gu, (_match, url: string, label: string) =>
      options.keepLinks ? linkWithAddress(url, label) : label,
    )
    .replace(/<((?:https?|mailto):[^>]*)>/gu, '$1')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&amp;/gu, '&')
    .replace(/\s+/gu, ' ')
    .trim();
}

async function answerInConversation(
  deps: SlackDeps,
  client: webApi.WebClient,
  message: UserMessage,
  where: { conversationId: string; threadTs: string | undefined },
): Promise<void> {
  const text = plainText(message.text);
  if (text === '') {
    await post(client, message.channel, where.threadTs, [noticeMessage(say('emptyQuestion', 'en'))]);
    return;
  }
  if (deps.service.isGreeting(text)) {
    await post(client, message.channel, where.threadTs, [noticeMessage(usage)]);
    return;
  }
  // A model-written answer streams into the thread of the question (a DM's top-level question
  // gets its answer in a thread); the final message replaces the stream.
  const stream = slackStream(
    client,
    { channel: message.channel, threadTs: where.threadTs ?? message.ts, user: message.user },
    deps.logger,
  );
  const { answerId, answer } = await ask(deps, {
    conversationId: where.conversationId,
    userId: message.user,
    text,
    onDraft: stream.draft,
  });
  const messages = answerMessages(answer, { answerId });
  const postInThread = (rest: SlackMessage[]) =>
    post(client, message.channel, where.threadTs ?? message.ts, rest);
  if (!(await stream.finish(messages, postInThread)))
    await post(client, message.channel, where.threadTs, messages);
}

/**
 * Where the bot answers without a slash command: direct messages, mentions in channels (always
 * in the mention's thread), and later messages in a thread it has answered in.
 */
export function registerMessages(app: App, deps: SlackDeps): void {
  const rememberThread = (channel: string, threadTs: string) =>
    deps.stores.threads.set(threadKey(channel, threadTs), true, deps.settings.sessionTtlSeconds);

  app.event('app_mention', async ({ event, client }) => {
    const message = readUserMessage(event);
    if (!message) return;
    // In a ticket card's thread a mention is staff writing to the requester (the message event relays it).
    if (
      deps.settings.triageChannel &&
      message.threadTs &&
      // While Redis is away the card cannot be looked up: the mention is answered as a question.
      (await unlessStoreDown(deps.triage.byStaffThread(message.channel, message.threadTs), undefined))
    )
      return;
    const threadTs = message.threadTs ?? message.ts;
    // Remembered before answering, so a quick follow-up in the thread is already recognised.
    await rememberThread(message.channel, threadTs);
    await answerInConversation(deps, client, message, {
      conversationId: `slack:${message.channel}:${threadTs}`,
      threadTs,
    });
  });

  app.message(async ({ message: event, client, context }) => {
    const message = readUserMessage(event);
    if (!message) return;

    if (message.channelType === 'im') {
      // A reply in the thread of the bot's message about a ticket goes to the experts, and so
      // does a file (or it is answered for: the bot cannot read files as questions).
      if (await relayRequesterMessage(deps, client, message)) return;
      // In an assistant thread (Slack's agent experience) the thread is titled with its question.
      if (message.threadTs)
        await titleThread(deps, client, {
          channel: message.channel,
          threadTs: message.threadTs,
          question: plainText(message.text),
        });
      // A DM is one conversation, also when the user replies in a thread under an answer.
      await answerInConversation(deps, client, message, {
        conversationId: `slack:${message.channel}`,
        threadTs: message.threadTs,
      });
      return;
    }

    // In channels only thread replies are considered, and a reply that mentions the bot is
    // already answered through its app_mention event.
    const { threadTs } = message;
    if (!threadTs || threadTs === message.ts) return;
    // Staff writing in a ticket card's thread in SLACK_TRIAGE_CHANNEL: relayed to the requester.
    if (await relayStaffMessage(deps, client, message)) return;
    if (context.botUserId && message.text.includes(`<@${context.botUserId}`)) return;
    const key = threadKey(message.channel, threadTs);
    if (!(await deps.stores.threads.get(key))) return;
    await rememberThread(message.channel, threadTs);
    await answerInConversation(deps, client, message, {
      conversationId: `slack:${message.channel}:${threadTs}`,
      threadTs,
    });
  });
}
