import type { App, BlockButtonAction, webApi } from '@slack/bolt';
import type { DeliveryOutcome, NoticeDeliverer } from '../../src/alerts/notice.ts';
import { noticeCopy } from '../../src/copy/notices.ts';
import type { Lang } from '../../src/text/lang.ts';
import { answerMessages, noticeMessage } from './blocks.ts';
import { FOLLOW_COMMAND } from './commands.ts';
import { langOf } from './copy.ts';
import type { SlackDeps } from './deps.ts';
import { ask, post } from './reply.ts';

export const NOTICE_ACTION = { ask: 'iprisk_notice_ask', stop: 'iprisk_notice_stop' } as const;

/** Slack errors that say this user cannot be written to at all. */
const UNREACHABLE = new Set([
  'user_not_found',
  'channel_not_found',
  'account_inactive',
  'is_archived',
  'cannot_dm_bot',
  'user_disabled',
  'not_in_channel',
]);

function outcomeOf(error: unknown): DeliveryOutcome {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  const code = e.data?.error ?? e.code ?? 'unknown';
  return {
    ok: false,
    reason: code,
    ...(typeof e.retryAfter === 'number' ? { retryAfterMs: e.retryAfter * 1000 } : {}),
    permanent: UNREACHABLE.has(code),
  };
}

/** Sends notices to the follower's DM with the app, with "Ask about this" and "Stop notices". */
export function slackNoticeDeliverer(
  client: webApi.WebClient,
  deps: Pick<SlackDeps, 'followNames'>,
): NoticeDeliverer {
  return {
    async send(recipient, notice) {
      const message = noticeMessage(
        noticeCopy.message(notice, recipient.lang, deps.followNames(FOLLOW_COMMAND)),
      );
      try {
        await client.chat.postMessage({
          channel: recipient.conversationId || recipient.userId,
          text: message.text,
          blocks: [
            ...message.blocks,
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  action_id: NOTICE_ACTION.ask,
                  value: notice.id,
                  text: { type: 'plain_text', text: noticeCopy.ask[recipient.lang] },
                },
                {
                  type: 'button',
                  action_id: NOTICE_ACTION.stop,
                  value: recipient.lang,
                  text: { type: 'plain_text', text: noticeCopy.stop[recipient.lang] },
                },
              ],
            },
          ],
          unfurl_links: false,
          unfurl_media: false,
        });
        return { ok: true };
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}

/** The buttons under a notice: ask the assistant about it (answered in the DM), or stop notices. */
export function registerNotices(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: NOTICE_ACTION.ask },
    async ({ ack, action, body, client }) => {
      await ack();
      const lang = langOf(body.message?.text);
      const channel = body.channel?.id ?? body.user.id;
      const question = await deps.notices.question(action.value ?? '', lang);
      if (!question) {
        await post(client, channel, undefined, [noticeMessage(noticeCopy.expired[lang])]);
        return;
      }
      const { answerId, answer } = await ask(deps, {
        conversationId: `slack:${channel}`,
        userId: body.user.id,
        text: question,
      });
      await post(client, channel, undefined, answerMessages(answer, { answerId }));
    },
  );
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: NOTICE_ACTION.stop },
    async ({ ack, action, body, client }) => {
      await ack();
      const lang: Lang = action.value === 'zh' ? 'zh' : 'en';
      await deps.notices.optOut({ platform: 'slack', userId: body.user.id });
      await post(client, body.channel?.id ?? body.user.id, undefined, [
        noticeMessage(noticeCopy.optedOut(lang, FOLLOW_COMMAND)),
      ]);
    },
  );
}
