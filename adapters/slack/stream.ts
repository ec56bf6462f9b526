import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/logger.ts';
import type { SlackMessage } from './blocks.ts';

/**
 * A model-written answer streamed into Slack as it is written (chat.startStream, appendStream,
 * stopStream), then replaced by the final answer with its sources and buttons (chat.update).
 * Only verified text reaches it (the core's drafts); calls go out one after another. If Slack
 * refuses a stream the answer is simply posted whole at the end.
 */
export function slackStream(
  client: webApi.WebClient,
  where: { channel: string; threadTs: string; user: string; team?: string },
  logger: Logger,
) {
  let chain: Promise<void> = Promise.resolve();
  let ts: string | undefined;
  let shown = '';
  let failed = false;

  const draft = (text: string) => {
    chain = chain.then(async () => {
      if (failed || !text.startsWith(shown) || text === shown) return;
      const more = text.slice(shown.length);
      try {
        if (!ts) {
          const started = await client.chat.startStream({
            channel: where.channel,
            thread_ts: where.threadTs,
            markdown_text: more,
            recipient_user_id: where.user,
            ...(where.team ? { recipient_team_id: where.team } : {}),
          });
          ts = started.ts;
        } else {
          await client.chat.appendStream({ channel: where.channel, ts, markdown_text: more });
        }
        shown = text;
      } catch (error) {
        failed = true;
        logger.debug({ err: error }, 'Slack stream refused; the answer will be posted whole');
      }
    });
  };

  return {
    draft,
    /**
     * Ends the stream and puts the final answer in its place. Returns false when nothing was
     * streamed (the caller posts the answer as usual).
     */
    async finish(
      messages: SlackMessage[],
      post: (rest: SlackMessage[]) => Promise<unknown>,
    ): Promise<boolean> {
      await chain;
      if (!ts) return false;
      const [first, ...rest] = messages;
      try {
        await client.chat.stopStream({ channel: where.channel, ts });
        if (first)
          await client.chat.update({ channel: where.channel, ts, text: first.text, blocks: first.blocks });
      } catch (error) {
        logger.warn({ err: error }, 'could not finish the Slack stream; posting the answer');
        if (first) await post([first]);
      }
      if (rest.length > 0) await post(rest);
      return true;
    },
  };
}
