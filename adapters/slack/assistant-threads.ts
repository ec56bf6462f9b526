import type { App, webApi } from '@slack/bolt';
import type { SlackDeps } from './deps.ts';

/**
 * Slack's agent experience for apps created today: a DM opens as an assistant thread, which gets
 * suggested prompts, and each thread is titled with its first question. Workspaces where the app
 * has no assistant view simply refuse these calls; the answers work the same either way.
 */
export const suggestedPrompts = [
  {
    title: 'Section 337 deadline',
    message: 'We were served with a Section 337 complaint. When is our response due?',
  },
  {
    title: 'Schedule A freeze',
    message: 'Our Amazon store was frozen in a Schedule A case. What should we do first?',
  },
  { title: '337调查答辩期限', message: '美国337调查的答辩期限是多久？' },
  { title: '越南商标被抢注', message: '我们的商标在越南被抢注了，异议期是多久？' },
];

const TITLE_MAX = 60;

export function registerAssistantThreads(app: App, deps: SlackDeps): void {
  app.event('assistant_thread_started', async ({ event, client }) => {
    const thread = (event as { assistant_thread?: { channel_id?: string; thread_ts?: string } })
      .assistant_thread;
    if (!thread?.channel_id || !thread.thread_ts) return;
    await client.assistant.threads
      .setSuggestedPrompts({
        channel_id: thread.channel_id,
        thread_ts: thread.thread_ts,
        title: 'Ask about overseas IP risk · 海外知识产权风险问答',
        prompts: suggestedPrompts as [{ title: string; message: string }],
      })
      .catch((err: unknown) => deps.logger.debug({ err }, 'suggested prompts not set'));
  });
}

/** Titles an assistant thread with its first question (once per thread). */
export async function titleThread(
  deps: SlackDeps,
  client: webApi.WebClient,
  where: { channel: string; threadTs: string; question: string },
): Promise<void> {
  const key = `title:${where.channel}:${where.threadTs}`;
  if (!(await deps.stores.threads.setIfAbsent(key, true, deps.settings.sessionTtlSeconds).catch(() => false)))
    return;
  const title =
    where.question.length > TITLE_MAX ? `${where.question.slice(0, TITLE_MAX - 1)}…` : where.question;
  await client.assistant.threads
    .setTitle({ channel_id: where.channel, thread_ts: where.threadTs, title })
    .catch((err: unknown) => deps.logger.debug({ err }, 'thread title not set'));
}
