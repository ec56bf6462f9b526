import type { App, BlockButtonAction, BlockStaticSelectAction, RespondFn, types, webApi } from '@slack/bolt';
import { requesterMessages, staffReplyText } from '../../src/copy/requests.ts';
import { isIpriskError } from '../../src/errors.ts';
import type { Lang } from '../../src/text/lang.ts';
import { attachmentError, refuseAttachment } from '../../src/triage/attachment.ts';
import { type Requester, statuses, type Ticket, type TicketStatus } from '../../src/triage/ticket.ts';
import { escapeMrkdwn, noticeMessage, SECTION_MAX } from './blocks.ts';
import { langOf } from './copy.ts';
import type { SlackDeps } from './deps.ts';
import { plainText, type SlackFile, type UserMessage } from './messages.ts';
import { post } from './reply.ts';
import { DRAFT_TTL_SECONDS, threadKey } from './stores.ts';
import { STAFF_ACTION, ticketIdOf, who } from './triage-card.ts';
import { intakeCopy, t } from './triage-copy.ts';
import { describeSlackFile, sendToRequester, slackAttachment } from './triage-notifiers.ts';
import {
  BACK_ACTION,
  confirmView,
  formView,
  INPUT,
  inputValues,
  messageView,
  parseMeta,
  readForm,
  staffMessageView,
  VIEW,
  validateForm,
} from './triage-views.ts';

const STAFF_ONLY = 'Only triage staff (SLACK_ADMIN_IDS) can act on assistance requests.';

/** Opens the intake form: from an answer's "Request assistance" button or `/iprisk assist`. */
export async function openIntake(
  client: webApi.WebClient,
  triggerId: string,
  lang: Lang,
  question?: string,
): Promise<void> {
  await client.views.open({
    trigger_id: triggerId,
    view: formView({ lang }, question ? { question } : {}),
  });
}

/** The requester's DM with the bot; a user id reaches it too if conversations.open is not allowed. */
async function openDm(deps: SlackDeps, client: webApi.WebClient, userId: string): Promise<string> {
  try {
    const opened = await client.conversations.open({ users: userId });
    if (opened.channel?.id) return opened.channel.id;
  } catch (error) {
    deps.logger.warn(
      { userId: `slack:${userId}`, err: (error as Error).message },
      'conversations.open failed',
    );
  }
  return userId;
}

/** Replaces the modal's content once the outcome is known; the user may have closed it already. */
async function updateModal(client: webApi.WebClient, viewId: string, view: types.ModalView): Promise<void> {
  await client.views.update({ view_id: viewId, view }).catch(() => undefined);
}

const note = (respond: RespondFn, text: string) =>
  respond({ response_type: 'ephemeral', replace_original: false, text });

/** A line in the card's thread, so staff see what was sent to the requester. */
async function threadNote(client: webApi.WebClient, ticket: Ticket, text: string): Promise<void> {
  const thread = ticket.staffThread?.platform === 'slack' ? ticket.staffThread : undefined;
  if (!thread) return;
  await client.chat.postMessage({
    channel: thread.channel,
    thread_ts: thread.ts,
    text: text.slice(0, 4000),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, SECTION_MAX) } }],
    unfurl_links: false,
    unfurl_media: false,
  });
}

/** What a staff action's failure says to the one who pressed: a stale card, an unknown ticket. */
function staffProblem(error: unknown): string | undefined {
  if (isIpriskError(error, 'CONFLICT') || isIpriskError(error, 'NOT_FOUND'))
    return `${error.message}${error.hint ? ` ${error.hint}` : ''}`;
  return undefined;
}

/**
 * The assistance-request workflow in Slack: the intake modal (form → summary → submit) for
 * requesters, and the card's controls (claim, ask for information, reply, change status) for staff.
 */
export function registerTriage(app: App, deps: SlackDeps): void {
  const isStaff = (userId: string) => deps.settings.adminIds.has(userId);
  const refused = (userId: string, action: string) =>
    // Only the user id: who tried is worth knowing, nothing else about them is.
    deps.logger.warn({ userId: `slack:${userId}`, action }, 'slack triage action refused');

  // ── Requester: the intake form ────────────────────────────────────────────────────────────

  app.view(VIEW.form, async ({ ack, body, view }) => {
    const meta = parseMeta(view.private_metadata);
    const checked = validateForm(readForm(view.state.values), meta.lang);
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: checked.errors });
      return;
    }
    const draftId = meta.draftId ?? deps.newId();
    try {
      await deps.stores.drafts.set(
        draftId,
        { userId: body.user.id, lang: meta.lang, input: checked.input },
        DRAFT_TTL_SECONDS,
      );
    } catch (error) {
      if (!isIpriskError(error, 'STORE_UNAVAILABLE')) {
        await ack({ response_action: 'update', view: messageView(meta.lang, t('failed', meta.lang)) });
        throw error;
      }
      // The form stays as filled in, with the reason, so nothing typed is lost.
      await ack({ response_action: 'errors', errors: { description: t('draftNotSaved', meta.lang) } });
      deps.logger.warn(
        { userId: `slack:${body.user.id}` },
        'assistance request draft not saved: store unavailable',
      );
      return;
    }
    await ack({ response_action: 'update', view: confirmView(meta.lang, draftId, checked.input) });
  });

  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: BACK_ACTION },
    async ({ ack, action, body, client }) => {
      await ack();
      const view = body.view;
      if (!view) return;
      const meta = parseMeta(view.private_metadata);
      const draft = await deps.stores.drafts.get(action.value ?? '');
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view:
          draft && draft.userId === body.user.id
            ? formView({ lang: draft.lang, draftId: action.value ?? '' }, inputValues(draft.input))
            : messageView(meta.lang, t('expired', meta.lang)),
      });
    },
  );

  app.view(VIEW.confirm, async ({ ack, body, view, client }) => {
    const { lang, draftId } = parseMeta(view.private_metadata);
    const userId = body.user.id;

    /** Said in the modal and in the DM, so it is seen even if the modal was closed. */
    const tellFailure = async (text: string) => {
      const channel = await openDm(deps, client, userId);
      await post(client, channel, undefined, [noticeMessage(text)]);
    };

    let draft: Awaited<ReturnType<typeof deps.stores.drafts.get>>;
    try {
      draft = draftId ? await deps.stores.drafts.get(draftId) : undefined;
    } catch (error) {
      if (!isIpriskError(error, 'STORE_UNAVAILABLE')) throw error;
      await ack({ response_action: 'update', view: messageView(lang, requesterMessages.notSaved(lang)) });
      await tellFailure(requesterMessages.notSaved(lang));
      deps.logger.warn({ userId: `slack:${userId}` }, 'assistance request not saved: store unavailable');
      return;
    }
    if (!draft || draft.userId !== userId) {
      await ack({ response_action: 'update', view: messageView(lang, t('expired', lang)) });
      return;
    }
    // Slack allows 3 seconds; storing and posting the card may take longer, so say so first.
    await ack({ response_action: 'update', view: messageView(lang, t('sending', lang)) });

    const requester: Requester = {
      platform: 'slack',
      userId,
      conversationId: await openDm(deps, client, userId),
      lang: draft.lang,
    };
    let ticket: Ticket;
    try {
      ticket = await deps.triage.submit(requester, draft.input);
    } catch (error) {
      // Not stored, so no id: the requester is told plainly, and what to do instead.
      const unavailable = isIpriskError(error, 'STORE_UNAVAILABLE');
      const text = unavailable ? requesterMessages.notSaved(requester.lang) : t('failed', requester.lang);
      await updateModal(client, view.id, messageView(requester.lang, text));
      await post(client, requester.conversationId, undefined, [noticeMessage(text)]);
      if (unavailable) {
        deps.logger.warn({ userId: `slack:${userId}` }, 'assistance request not saved: store unavailable');
        return;
      }
      throw error;
    }
    await deps.stores.drafts.delete(draftId ?? '').catch(() => undefined);
    // Only now, with the ticket stored, does the requester get its id.
    await sendToRequester(client, deps.stores, requester, requesterMessages.submitted(ticket));
    await updateModal(
      client,
      view.id,
      messageView(requester.lang, intakeCopy.saved[requester.lang](ticket.id)),
    );
  });

  // ── Staff: the card's controls ────────────────────────────────────────────────────────────

  /** Runs a staff action for SLACK_ADMIN_IDS only; a stale card or unknown id is answered privately. */
  async function asStaff(
    userId: string,
    action: string,
    respond: RespondFn,
    work: () => Promise<unknown>,
    channel?: string,
  ): Promise<void> {
    if (!isStaff(userId)) {
      refused(userId, action);
      await note(respond, STAFF_ONLY);
      return;
    }
    // A copy of a card elsewhere (a DM): acting there would hide the change from the team.
    if (channel && deps.settings.triageChannel && channel !== deps.settings.triageChannel) {
      await note(
        respond,
        `Ticket buttons work on the card in the triage channel <#${deps.settings.triageChannel}>, where everyone sees what was done.`,
      );
      return;
    }
    try {
      await work();
    } catch (error) {
      const problem = staffProblem(error);
      if (!problem) throw error;
      await note(respond, problem);
    }
  }

  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: STAFF_ACTION.claim },
    async ({ ack, action, body, respond }) => {
      await ack();
      const id = ticketIdOf(action) ?? '';
      await asStaff(
        body.user.id,
        'claim',
        respond,
        () => deps.triage.claim(id, body.user.id),
        body.channel?.id,
      );
    },
  );

  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: new RegExp(`^(${STAFF_ACTION.ask}|${STAFF_ACTION.reply})$`, 'u') },
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const id = ticketIdOf(action) ?? '';
      const kind = action.action_id === STAFF_ACTION.ask ? 'ask' : 'reply';
      await asStaff(
        body.user.id,
        kind,
        respond,
        () => client.views.open({ trigger_id: body.trigger_id, view: staffMessageView(kind, id) }),
        body.channel?.id,
      );
    },
  );

  app.action<BlockStaticSelectAction>(
    { type: 'block_actions', action_id: STAFF_ACTION.status },
    async ({ ack, action, body, respond }) => {
      await ack();
      const id = ticketIdOf({ block_id: action.block_id }) ?? '';
      const status = action.selected_option.value as TicketStatus;
      await asStaff(
        body.user.id,
        'status',
        respond,
        async () => {
          if (!statuses.includes(status)) return;
          await deps.triage.setStatus(id, status, body.user.id);
        },
        body.channel?.id,
      );
    },
  );

  app.view(new RegExp(`^(${VIEW.ask}|${VIEW.reply})$`, 'u'), async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const kind = view.callback_id === VIEW.ask ? 'ask' : 'reply';
    if (!isStaff(userId)) {
      refused(userId, kind);
      await ack({ response_action: 'errors', errors: { message: STAFF_ONLY } });
      return;
    }
    const text = (view.state.values.message?.[INPUT]?.value ?? '').trim();
    if (text === '') {
      await ack({ response_action: 'errors', errors: { message: 'Write the message to send.' } });
      return;
    }
    await ack();
    const id = view.private_metadata;
    try {
      const ticket =
        kind === 'ask'
          ? await deps.triage.requestInfo(id, userId, text)
          : await deps.triage.staffReply(id, userId, text);
      await threadNote(
        client,
        ticket,
        `${kind === 'ask' ? '❓' : '↪️'} ${who(userId)} ${kind === 'ask' ? 'asked the requester for information' : 'replied to the requester'}:\n${escapeMrkdwn(text)}`,
      );
    } catch (error) {
      const problem = staffProblem(error);
      if (!problem || !deps.settings.triageChannel) throw error;
      await client.chat.postEphemeral({ channel: deps.settings.triageChannel, user: userId, text: problem });
    }
  });
}

/**
 * Staff writing in a ticket card's thread: an internal note, kept in the ticket's history, unless
 * it starts with `reply:` (回复：), which sends the rest to the requester. Returns false for any
 * other message, which then goes on to the usual handling.
 */
export async function relayStaffMessage(
  deps: SlackDeps,
  client: webApi.WebClient,
  message: UserMessage,
): Promise<boolean> {
  const { threadTs } = message;
  if (!deps.settings.triageChannel || !threadTs || threadTs === message.ts) return false;
  const ticket = await deps.triage.byStaffThread(message.channel, threadTs);
  if (!ticket) return false;
  const ephemeral = (text: string) =>
    client.chat.postEphemeral({ channel: message.channel, user: message.user, thread_ts: threadTs, text });
  // Relayed text keeps its links' addresses: the requester cannot follow a bare label.
  const text = plainText(message.text, { keepLinks: true });
  const files = message.files ?? [];
  if (text === '' && files.length === 0) return true;
  const forRequester = staffReplyText(text);
  if (forRequester === undefined) {
    // A file without `reply:` is staff material like any note: its name goes in the history.
    const note = [text, ...files.map((file) => `📎 ${file.name}`)].filter((line) => line !== '').join('\n');
    await deps.triage.staffNote(ticket.id, message.user, note);
    return true;
  }
  if (!deps.settings.adminIds.has(message.user)) {
    deps.logger.warn(
      { userId: `slack:${message.user}`, action: 'thread-reply' },
      'slack triage action refused',
    );
    await ephemeral(`${STAFF_ONLY} Your message was not sent to the requester.`);
    return true;
  }
  if (forRequester === '' && files.length === 0) return true;
  const outcomes: string[] = [];
  if (forRequester !== '') {
    await deps.triage.staffReply(ticket.id, message.user, forRequester);
    outcomes.push(`Sent to the requester of ${ticket.id}.`);
  }
  for (const file of files) outcomes.push(await sendStaffFile(deps, client, ticket.id, message.user, file));
  await ephemeral(outcomes.join('\n'));
  return true;
}

/** One file from a staff `reply:` to the requester; says to the sender what became of it. */
async function sendStaffFile(
  deps: SlackDeps,
  client: webApi.WebClient,
  ticketId: string,
  staffId: string,
  file: SlackFile,
): Promise<string> {
  const described = await describeSlackFile(client, file);
  if (!described) return `“${file.name}” could not be read from Slack, so it was not sent.`;
  const attachment = slackAttachment(described, deps.settings);
  const refusal = refuseAttachment(attachment);
  if (refusal) {
    const error = attachmentError(refusal);
    return `“${file.name}” was not sent: ${error.message} ${error.hint ?? ''}`.trim();
  }
  try {
    // Downloaded before the workflow records it as sent, so a failed download is reported as such.
    await attachment.read();
  } catch (error) {
    deps.logger.warn({ ticket: ticketId, err: (error as Error).message }, 'slack file download failed');
    return `“${file.name}” could not be downloaded from Slack, so it was not sent.`;
  }
  try {
    await deps.triage.staffFile(ticketId, staffId, attachment);
    return `Sent “${file.name}” to the requester of ${ticketId}.`;
  } catch (error) {
    const problem =
      staffProblem(error) ?? (isIpriskError(error, 'INVALID_INPUT') ? error.message : undefined);
    if (problem) return `“${file.name}” was not sent: ${problem}`;
    // The upload to the requester failed: the sender must not think it arrived.
    deps.logger.error({ err: error, ticket: ticketId }, 'could not send a file to the requester');
    return `“${file.name}” could not be delivered to the requester. Try again, or describe it in a reply.`;
  }
}

/** A refusal names the file: with several in one message, the requester must know which one. */
const namedRefusal = (name: string, reason: 'too-large' | 'type', lang: Lang) =>
  `“${name}”${lang === 'zh' ? '：' : ': '}${requesterMessages.fileRefused(reason, lang)}`;

/**
 * A requester answering in the thread of one of the bot's messages about their ticket (a
 * request for information, a reply): it goes into the ticket's staff thread instead of being
 * answered as a question. A message with files is always handled here (see relayRequesterFiles).
 * Returns false for any other direct message.
 */
export async function relayRequesterMessage(
  deps: SlackDeps,
  client: webApi.WebClient,
  message: UserMessage,
): Promise<boolean> {
  const { threadTs } = message;
  const inThread = threadTs !== undefined && threadTs !== message.ts;
  const ticketId = inThread
    ? await deps.stores.ticketMessages.get(threadKey(message.channel, threadTs))
    : undefined;
  if (message.files && message.files.length > 0)
    return relayRequesterFiles(deps, client, message, message.files, ticketId);
  // Relayed text keeps its links' addresses: the experts cannot follow a bare label.
  const text = plainText(message.text, { keepLinks: true });
  const requester = { platform: 'slack' as const, userId: message.user };
  // In a ticket message's thread: that ticket. Anywhere else in the DM: the core decides whether it
  // answers a request for information (one waiting, or ask which) or is a question.
  const route = await deps.triage.routeRequesterMessage(requester, ticketId);
  if (!ticketId && route.kind === 'question') return false;
  if (text === '') return true;
  const where = inThread ? threadTs : undefined;
  const lang: Lang = route.kind === 'ticket' ? route.ticket.requester.lang : langOf(text);
  if (route.kind === 'ambiguous') {
    const ids = route.tickets.map((t) => t.id);
    await post(client, message.channel, where, [noticeMessage(requesterMessages.chooseTicket(ids, lang))]);
    return true;
  }
  if (route.kind !== 'ticket') {
    await post(client, message.channel, where, [noticeMessage(requesterMessages.noOpenTicket(lang))]);
    return true;
  }
  const ticket = await deps.triage.requesterReply(requester, route.ticket.id, text);
  await post(client, message.channel, where, [noticeMessage(requesterMessages.relayed(ticket.id, lang))]);
  return true;
}

/**
 * A requester's files, for the ticket whose message they reply to, or else the one ticket waiting
 * for their information. Each file is checked, downloaded and passed on (or refused with the
 * reason), the caption goes along as a normal reply, and the requester is always told what
 * happened: a file is never dropped in silence. Returns false only when no ticket is meant and a
 * caption remains to be answered as a question.
 */
async function relayRequesterFiles(
  deps: SlackDeps,
  client: webApi.WebClient,
  message: UserMessage,
  files: SlackFile[],
  ticketId: string | undefined,
): Promise<boolean> {
  const text = plainText(message.text, { keepLinks: true });
  const requester = { platform: 'slack' as const, userId: message.user };
  // The answer goes where the file was sent: its thread, or the DM itself.
  const threadTs = message.threadTs !== message.ts ? message.threadTs : undefined;
  const tell = (lines: string[]) =>
    post(client, message.channel, threadTs, [noticeMessage(lines.join('\n'))]);
  const route = await deps.triage.routeRequesterMessage(requester, ticketId);

  if (route.kind !== 'ticket') {
    // With no caption to tell the language by, the requester's latest request does.
    const lang: Lang =
      text !== '' ? langOf(text) : ((await deps.triage.mine(requester))[0]?.requester.lang ?? 'en');
    if (route.kind === 'ambiguous') {
      await tell([
        requesterMessages.chooseTicket(
          route.tickets.map((t) => t.id),
          lang,
        ),
      ]);
      return true;
    }
    await tell([ticketId ? requesterMessages.noOpenTicket(lang) : requesterMessages.fileWithoutTicket(lang)]);
    // A caption with no ticket is still a question the assistant can answer.
    return ticketId !== undefined || text === '';
  }

  const ticket = route.ticket;
  const lang = ticket.requester.lang;
  const lines: string[] = [];
  if (text !== '') {
    await deps.triage.requesterReply(requester, ticket.id, text);
    lines.push(requesterMessages.relayed(ticket.id, lang));
  }
  for (const file of files) {
    const described = await describeSlackFile(client, file);
    if (!described) {
      lines.push(requesterMessages.fileUnreadable(file.name, lang));
      continue;
    }
    const attachment = slackAttachment(described, deps.settings);
    const refusal = refuseAttachment(attachment);
    if (refusal) {
      lines.push(namedRefusal(file.name, refusal, lang));
      continue;
    }
    try {
      // Downloaded first: "sent" is only said of a file the experts can actually get.
      await attachment.read();
    } catch (error) {
      deps.logger.warn({ ticket: ticket.id, err: (error as Error).message }, 'slack file download failed');
      lines.push(requesterMessages.fileUnreadable(file.name, lang));
      continue;
    }
    try {
      await deps.triage.requesterFile(requester, ticket.id, attachment);
      lines.push(requesterMessages.fileRelayed(ticket.id, file.name, lang));
    } catch (error) {
      if (isIpriskError(error, 'INVALID_INPUT')) {
        lines.push(namedRefusal(file.name, refuseAttachment(attachment) ?? 'type', lang));
        continue;
      }
      if (isIpriskError(error, 'DELIVERY_FAILED')) {
        lines.push(requesterMessages.fileNotDelivered(file.name, lang));
        continue;
      }
      if (!isIpriskError(error, 'NOT_FOUND')) throw error;
      lines.push(requesterMessages.noOpenTicket(lang));
    }
  }
  await tell(lines);
  return true;
}
