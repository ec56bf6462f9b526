import type { App, RespondFn } from '@slack/bolt';
import { followReply } from '../../src/alerts/follow-reply.ts';
import { noticeCopy } from '../../src/copy/notices.ts';
import { isIpriskError } from '../../src/errors.ts';
import type { BuildReport } from '../../src/retrieval/index-builder.ts';
import type { Stats } from '../../src/service/service.ts';
import { hasHan, type Lang } from '../../src/text/lang.ts';
import { answerMessages, noticeMessage, type SlackMessage } from './blocks.ts';
import { openCheck } from './check.ts';
import { langOf, usage } from './copy.ts';
import type { SlackDeps } from './deps.ts';
import { plainText } from './messages.ts';
import { ask } from './reply.ts';
import { openIntake } from './triage.ts';
import { myTicketsMessage, queueMessage } from './triage-card.ts';

export const COMMAND = '/iprisk';

const ASSIST = new Set(['assist', 'assistance', '援助', '申请援助', '协助']);
const MY_TICKETS = new Set(['mytickets', 'my tickets', '我的申请']);
const WARNINGS = new Set(['warnings', '预警', '风险预警']);
const CHECK = new Set(['check', '自查', '风险自查']);
/** How a Slack user types the follow command, in the replies that teach it. */
export const FOLLOW_COMMAND = `${COMMAND} follow`;
/** `/iprisk follow VN US`, `unfollow …`, `profile`, `forget` (and the Chinese words for them). */
const FOLLOW_WORDS: Record<string, 'follow' | 'unfollow' | 'profile' | 'forget' | undefined> = {
  follow: 'follow',
  关注: 'follow',
  unfollow: 'unfollow',
  取消关注: 'unfollow',
  profile: 'profile',
  我的关注: 'profile',
  forget: 'forget',
  删除关注: 'forget',
};

export function formatReload(report: BuildReport): string {
  return (
    `Knowledge reloaded: version ${report.version} — added ${report.added.length}, ` +
    `changed ${report.changed.length}, removed ${report.removed.length}, rejected ${report.rejected.length} ` +
    `(${report.documents} documents, ${report.chunks} chunks).`
  );
}

export function formatStats(stats: Stats): string {
  return [
    `Index version ${stats.indexVersion}, built ${stats.builtAt}`,
    `${stats.documents} documents, ${stats.chunks} chunks`,
    `Feedback: 👍 ${stats.feedback.up} · 👎 ${stats.feedback.down}`,
    `Due for review: ${stats.review.pastReviewBy} past review_by, ${stats.review.olderThanAYear} not updated for a year`,
  ].join('\n');
}

/** Everything the command says is private to the person who typed it. */
async function reply(respond: RespondFn, messages: SlackMessage[]): Promise<void> {
  for (const message of messages) await respond({ response_type: 'ephemeral', ...message });
}

/**
 * `/iprisk <question>` answers privately with a share button; `/iprisk assist` opens the
 * assistance-request form and `/iprisk mytickets` lists the caller's own requests;
 * `/iprisk reload`, `/iprisk stats` and `/iprisk tickets` are for SLACK_ADMIN_IDS only.
 */
export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    // Slack gives a command 3 seconds; answering can take longer, so acknowledge first.
    await ack();
    const text = plainText(command.text);
    const word = text.toLowerCase();

    if (text === '' || deps.service.isGreeting(text)) {
      await reply(respond, [noticeMessage(usage)]);
      return;
    }

    if (ASSIST.has(word)) {
      await openIntake(client, command.trigger_id, langOf(text));
      return;
    }

    const [head = '', ...rest] = text.split(/\s+/u);
    const action = FOLLOW_WORDS[head.toLowerCase()];
    if (action) {
      const lang: Lang = hasHan(text) ? 'zh' : 'en';
      // Notices go to the user's DM with the bot, opened when one is sent.
      const follower = {
        platform: 'slack' as const,
        userId: command.user_id,
        conversationId: command.user_id,
        lang,
      };
      const said = await followReply(
        deps.following,
        deps.followNames(FOLLOW_COMMAND),
        follower,
        action,
        rest.join(' '),
      );
      await reply(respond, [noticeMessage(said)]);
      return;
    }

    if (CHECK.has(word)) {
      await openCheck(deps, client, command.trigger_id, hasHan(text) ? 'zh' : 'en');
      return;
    }

    if (WARNINGS.has(word)) {
      const lang: Lang = hasHan(text) ? 'zh' : 'en';
      const list = await deps.notices.warningsFor({ platform: 'slack', userId: command.user_id });
      await reply(respond, [
        noticeMessage(noticeCopy.warnings(list, lang, deps.followNames(FOLLOW_COMMAND))),
      ]);
      return;
    }

    if (MY_TICKETS.has(word)) {
      // Only the caller's own tickets, whoever else has asked for help.
      const mine = await deps.triage.mine({ platform: 'slack', userId: command.user_id });
      const lang = hasHan(text) ? 'zh' : (mine[0]?.requester.lang ?? 'en');
      await reply(respond, [myTicketsMessage(mine, lang)]);
      return;
    }

    if (word === 'reload' || word === 'stats' || word === 'tickets') {
      const isAdmin = deps.settings.adminIds.has(command.user_id);
      if (!isAdmin) {
        // Only the user id: who tried is worth knowing, nothing else about them is.
        deps.logger.warn(
          { userId: `slack:${command.user_id}`, command: word },
          'slack admin command refused',
        );
        await reply(respond, [noticeMessage(`Only admins can use \`/iprisk ${word}\`.`)]);
        return;
      }
      if (word === 'tickets') {
        await reply(respond, [queueMessage(await deps.triage.queue())]);
      } else if (word === 'reload') {
        try {
          const report = await deps.service.reload({ userId: `slack:${command.user_id}`, isAdmin });
          await reply(respond, [noticeMessage(formatReload(report))]);
        } catch (error) {
          // The admin needs the reason (a smoke check, a lock, a broken index), not a generic apology.
          if (!isIpriskError(error)) throw error;
          await reply(respond, [
            noticeMessage(
              `Reload failed: ${error.message} The previous version keeps serving.${error.hint ? ` ${error.hint}` : ''}`,
            ),
          ]);
        }
      } else {
        await reply(respond, [noticeMessage(formatStats(await deps.service.stats()))]);
      }
      return;
    }

    // One private session per person and channel, so `/iprisk And for Korea?` follows on.
    const { answerId, answer } = await ask(deps, {
      conversationId: `slack:${command.channel_id}:cmd:${command.user_id}`,
      userId: command.user_id,
      text,
    });
    await reply(respond, answerMessages(answer, { answerId, share: true }));
  });
}
