import type { App, BlockButtonAction, RespondFn } from '@slack/bolt';
import { voteReplies } from '../../src/copy/votes.ts';
import { ACTION, answerMessages } from './blocks.ts';
import { langOf, say } from './copy.ts';
import type { SlackDeps } from './deps.ts';
import { post } from './reply.ts';
import { openIntake } from './triage.ts';

/** A short private note to whoever pressed the button, leaving the message itself as it is. */
const note = (respond: RespondFn, text: string) =>
  respond({ response_type: 'ephemeral', replace_original: false, text });

function platformError(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** The buttons under an answer: 👍/👎, share (private answers) and request assistance (the intake form). */
export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: new RegExp(`^(${ACTION.voteUp}|${ACTION.voteDown})$`, 'u') },
    async ({ ack, action, body, respond }) => {
      await ack();
      const answerId = action.value ?? '';
      const stored = await deps.service.answerRecord(answerId);
      if (!stored) {
        await note(respond, say('expired', langOf(body.message?.text)));
        return;
      }
      const { lang } = stored.result;
      const vote = action.action_id === ACTION.voteUp ? 'up' : 'down';
      const outcome = await deps.service.castVote(answerId, {
        platform: 'slack',
        userId: `slack:${body.user.id}`,
        vote,
      });
      await note(respond, voteReplies[outcome][lang]);
    },
  );

  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: ACTION.share },
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const answerId = action.value ?? '';
      const stored = await deps.service.answerRecord(answerId);
      const channel = body.channel?.id;
      if (!stored || !channel) {
        await note(respond, say('expired', 'en'));
        return;
      }
      const messages = answerMessages(stored, { answerId, sharedBy: body.user.id });
      try {
        await post(client, channel, undefined, messages);
      } catch (error) {
        // The command works in channels the bot is not in; its response_url can still post there.
        if (platformError(error) !== 'not_in_channel' && platformError(error) !== 'channel_not_found')
          throw error;
        for (const message of messages)
          await respond({ response_type: 'in_channel', replace_original: false, ...message });
      }
      // The private copy has done its job.
      await respond({ delete_original: true });
    },
  );

  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: ACTION.assistance },
    async ({ ack, action, body, client }) => {
      await ack();
      // The trigger expires in 3 seconds: an unreadable stored answer only loses the prefill.
      const stored = await deps.service.answerRecord(action.value ?? '').catch(() => undefined);
      await openIntake(
        client,
        body.trigger_id,
        stored?.result.lang ?? langOf(body.message?.text),
        stored?.question,
      );
    },
  );
}
