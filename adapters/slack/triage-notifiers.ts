import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/logger.ts';
import { type Attachment, attachmentPolicy } from '../../src/triage/attachment.ts';
import type { RequesterNotifier, StaffNotifier } from '../../src/triage/notifiers.ts';
import type { Requester, StaffThread, Ticket } from '../../src/triage/ticket.ts';
import type { SlaMinutes } from '../../src/triage/triage.ts';
import { escapeMrkdwn, noticeMessage, SECTION_MAX, splitText } from './blocks.ts';
import type { SlackFile } from './messages.ts';
import { post } from './reply.ts';
import { type SlackStores, TICKET_MESSAGE_TTL_SECONDS, threadKey } from './stores.ts';
import { reminderTexts, ticketCard } from './triage-card.ts';
import { intakeCopy } from './triage-copy.ts';

const TICKET_ID = /IPR-\d{4}-\d{6}/u;

/** The card's place, when it was posted to Slack. */
function slackThread(ticket: Ticket): StaffThread | undefined {
  return ticket.staffThread?.platform === 'slack' ? ticket.staffThread : undefined;
}

/**
 * Tells a Slack requester something about their ticket, in their DM with the bot, and remembers
 * the message so a reply in its thread reaches the experts.
 */
export async function sendToRequester(
  client: webApi.WebClient,
  stores: SlackStores,
  requester: Pick<Requester, 'userId' | 'conversationId' | 'lang'>,
  text: string,
): Promise<void> {
  const sections = splitText(escapeMrkdwn(text), SECTION_MAX);
  const sent = await client.chat.postMessage({
    // The DM channel opened at intake; a user id also reaches the user's DM with the app.
    channel: requester.conversationId || requester.userId,
    text: escapeMrkdwn(text).slice(0, 4000),
    blocks: [
      ...sections.map((piece) => ({
        type: 'section' as const,
        text: { type: 'mrkdwn' as const, text: piece },
      })),
      { type: 'context', elements: [{ type: 'mrkdwn', text: intakeCopy.replyHint[requester.lang] }] },
    ],
    unfurl_links: false,
    unfurl_media: false,
  });
  const ticketId = text.match(TICKET_ID)?.[0];
  const channel = typeof sent.channel === 'string' ? sent.channel : requester.conversationId;
  if (ticketId && sent.ts)
    await stores.ticketMessages.set(threadKey(channel, sent.ts), ticketId, TICKET_MESSAGE_TTL_SECONDS);
}

/** Where the bot may download shared files: with SLACK_BOT_TOKEN, and only from Slack. */
export interface FileAccess {
  botToken: string;
  /** SLACK_API_URL: a self-hosted or test API serves its own files, so its origin is Slack too. */
  apiUrl: string;
}

/** Slack's file hosts (files.slack.com, GovSlack's) and the configured API's origin; nothing else gets the token. */
function isSlackFileUrl(url: string, apiUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const { hostname } = target;
  if (
    target.protocol === 'https:' &&
    ['slack.com', 'slack-gov.com'].some((host) => hostname === host || hostname.endsWith(`.${host}`))
  )
    return true;
  try {
    return target.origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
}

const DOWNLOAD_TIMEOUT_MS = 60_000;

async function downloadSlackFile(url: string, file: SlackFile, access: FileAccess): Promise<Uint8Array> {
  // The URL comes from the event; the bot token must still never go anywhere but Slack.
  if (!isSlackFileUrl(url, access.apiUrl)) throw new Error('file URL is not on a Slack host');
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${access.botToken}` },
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
  // Without the files:read scope Slack answers 200 with its sign-in page instead of the file.
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('text/html') && !file.mimeType.startsWith('text/html'))
    throw new Error('file download answered with an HTML page (is the files:read scope granted?)');
  // The policy checked the size Slack reported; the bytes are held to the same limit.
  if (Number(response.headers.get('content-length') ?? 0) > attachmentPolicy.maxBytes)
    throw new Error('file larger than reported');
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > attachmentPolicy.maxBytes) throw new Error('file larger than reported');
  return bytes;
}

/**
 * Completes a file the event only names (`file_access: check_file_info`) with files.info;
 * undefined when Slack will not say more (a file the bot cannot see).
 */
export async function describeSlackFile(
  client: webApi.WebClient,
  file: SlackFile,
): Promise<SlackFile | undefined> {
  if (file.downloadUrl && file.mimeType !== '') return file;
  if (!file.id) return undefined;
  const info = await client.files.info({ file: file.id }).catch(() => undefined);
  const full = info?.file;
  const downloadUrl = full?.url_private_download ?? full?.url_private;
  if (!full || !downloadUrl) return undefined;
  return {
    id: file.id,
    name: full.name ?? file.name,
    mimeType: full.mimetype ?? '',
    size: full.size ?? 0,
    downloadUrl,
  };
}

/**
 * A Slack file as the workflow takes it. The bytes are read at most once: the adapter downloads
 * before saying a file was sent (so a failed download is not reported as sent), and the notifier
 * that uploads it then gets the same bytes.
 */
export function slackAttachment(file: SlackFile, access: FileAccess): Attachment {
  let bytes: Promise<Uint8Array> | undefined;
  return {
    name: file.name,
    mimeType: file.mimeType,
    size: file.size,
    read() {
      bytes ??= file.downloadUrl
        ? downloadSlackFile(file.downloadUrl, file, access)
        : Promise.reject(new Error('Slack gave no download URL for the file'));
      return bytes;
    },
  };
}

/** The ts of the message a completed upload was shared in, when Slack says (it may share later). */
function sharedTs(completions: unknown[], channel: string): string | undefined {
  type Shares = Record<string, Record<string, Array<{ ts?: unknown }> | undefined> | undefined>;
  for (const completion of completions) {
    const files = (completion as { files?: Array<{ shares?: Shares }> }).files ?? [];
    for (const file of files)
      for (const kind of ['private', 'public']) {
        const ts = file.shares?.[kind]?.[channel]?.[0]?.ts;
        if (typeof ts === 'string') return ts;
      }
  }
  return undefined;
}

/**
 * Uploads a file into a channel or thread with `comment` as its message (files.uploadV2:
 * getUploadURLExternal, the bytes to the upload URL, completeUploadExternal). Returns the ts of
 * the message that carries it, when known.
 */
async function uploadFile(
  client: webApi.WebClient,
  to: { channel: string; threadTs?: string | undefined },
  file: Attachment,
  comment: string,
): Promise<string | undefined> {
  const bytes = await file.read();
  // A Buffer, not a Uint8Array: the client only sends Buffers as file data.
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const common = {
    file: data,
    filename: file.name,
    title: file.name,
    initial_comment: comment.slice(0, 4000),
  };
  const result = to.threadTs
    ? await client.filesUploadV2({ ...common, channel_id: to.channel, thread_ts: to.threadTs })
    : await client.filesUploadV2({ ...common, channel_id: to.channel });
  return sharedTs(result.files, to.channel);
}

/** The requester's DM channel: files need a channel id, where a message could also take a user id. */
async function dmChannel(
  client: webApi.WebClient,
  requester: Pick<Requester, 'userId' | 'conversationId'>,
): Promise<string> {
  if (requester.conversationId.startsWith('D')) return requester.conversationId;
  const opened = await client.conversations.open({ users: requester.userId });
  return opened.channel?.id ?? (requester.conversationId || requester.userId);
}

/** How the workflow reaches Slack requesters: a direct message from the bot. */
export function createSlackRequesterNotifier(
  client: webApi.WebClient,
  stores: SlackStores,
): RequesterNotifier {
  return {
    send: (requester, text) => sendToRequester(client, stores, requester, text),

    async sendFile(requester, file, text, ticket) {
      const channel = await dmChannel(client, requester);
      const ts = await uploadFile(client, { channel }, file, escapeMrkdwn(text));
      // Like a message about the ticket: a reply in the file's thread reaches the experts.
      if (ts) await stores.ticketMessages.set(threadKey(channel, ts), ticket.id, TICKET_MESSAGE_TTL_SECONDS);
    },
  };
}

export interface StaffNotifierDeps {
  client: webApi.WebClient;
  /** SLACK_TRIAGE_CHANNEL: a channel id (C…) the bot is a member of. */
  channel: string;
  slaMinutes: SlaMinutes;
  logger: Logger;
}

/**
 * Tickets as cards in SLACK_TRIAGE_CHANNEL: posted on submit, updated in place after every
 * change, with the requester's replies and SLA reminders in the card's thread.
 */
export function createSlackStaffNotifier(deps: StaffNotifierDeps): StaffNotifier {
  const { client } = deps;

  async function postCard(ticket: Ticket): Promise<StaffThread | undefined> {
    const card = ticketCard(ticket);
    const sent = await client.chat.postMessage({
      channel: deps.channel,
      text: card.text,
      blocks: card.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    if (!sent.ts) return undefined;
    // Slack answers with the channel's id, also when SLACK_TRIAGE_CHANNEL names it otherwise.
    const channel = typeof sent.channel === 'string' ? sent.channel : deps.channel;
    return { platform: 'slack', channel, ts: sent.ts };
  }

  return {
    postTicket: postCard,

    async updateTicket(ticket) {
      const thread = slackThread(ticket);
      if (!thread) return;
      const card = ticketCard(ticket);
      await client.chat.update({
        channel: thread.channel,
        ts: thread.ts,
        text: card.text,
        blocks: card.blocks,
      });
    },

    async postToThread(ticket, text) {
      const thread = slackThread(ticket);
      if (thread) await post(client, thread.channel, thread.ts, [noticeMessage(text)]);
      // The card never made it to Slack: the channel still hears about it, with the id.
      else await post(client, deps.channel, undefined, [noticeMessage(`${ticket.id}: ${text}`)]);
    },

    async postFile(ticket, file, text) {
      const thread = slackThread(ticket);
      // Without a card the file still reaches the channel, named by the ticket's id.
      await uploadFile(
        client,
        thread ? { channel: thread.channel, threadTs: thread.ts } : { channel: deps.channel },
        file,
        escapeMrkdwn(thread ? text : `${ticket.id}: ${text}`),
      );
    },

    async remind(ticket) {
      const texts = reminderTexts(ticket, deps.slaMinutes[ticket.priority.level]);
      const thread = slackThread(ticket);
      if (thread) {
        await post(client, thread.channel, thread.ts, [noticeMessage(texts.thread)]);
        await post(client, thread.channel, undefined, [noticeMessage(texts.channel)]);
        return;
      }
      // Posting the card failed at submit: post it now, so the ticket is not only in Redis.
      await post(client, deps.channel, undefined, [noticeMessage(texts.channel)]);
      await postCard(ticket);
      deps.logger.warn(
        { ticket: ticket.id },
        'slack card re-posted by the SLA reminder (not linked to the ticket)',
      );
    },
  };
}
