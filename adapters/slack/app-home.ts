import type { App, BlockButtonAction, webApi } from '@slack/bolt';
import type { FollowProfile } from '../../src/alerts/follow-store.ts';
import { followCopy } from '../../src/copy/alerts.ts';
import type { Lang } from '../../src/text/lang.ts';
import { FOLLOW_COMMAND } from './commands.ts';
import type { SlackDeps } from './deps.ts';

export const FOLLOW_TOGGLE = 'iprisk_follow_toggle';

/**
 * The App Home tab: what the user follows, and the common markets as buttons (a press follows
 * a market, another stops). The user's language is the one of their profile, English at first.
 */
function homeView(deps: SlackDeps, profile: FollowProfile | undefined, lang: Lang) {
  const names = deps.followNames(FOLLOW_COMMAND);
  const buttons = deps.following.quickMarkets().map((code) => {
    const followed = profile?.markets.includes(code) ?? false;
    return {
      type: 'button' as const,
      action_id: `${FOLLOW_TOGGLE}_${code}`,
      value: code,
      text: { type: 'plain_text' as const, text: `${followed ? '✓ ' : ''}${names.markets.name(code, lang)}` },
      ...(followed ? { style: 'primary' as const } : {}),
    };
  });
  const rows = Array.from({ length: Math.ceil(buttons.length / 5) }, (_, i) => ({
    type: 'actions' as const,
    elements: buttons.slice(i * 5, i * 5 + 5),
  }));
  return {
    type: 'home' as const,
    blocks: [
      {
        type: 'header',
        text: { type: 'plain_text', text: lang === 'zh' ? '关注的市场' : 'Markets you follow' },
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: followCopy.profile(profile, lang, names),
        },
      },
      ...rows,
    ],
  };
}

async function publish(deps: SlackDeps, client: webApi.WebClient, userId: string): Promise<void> {
  const profile = await deps.following.profile({ platform: 'slack', userId });
  await client.views.publish({ user_id: userId, view: homeView(deps, profile, profile?.lang ?? 'en') });
}

export function registerAppHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await publish(deps, client, event.user);
  });
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: new RegExp(`^${FOLLOW_TOGGLE}_`, 'u') },
    async ({ ack, action, body, client }) => {
      await ack();
      const earlier = await deps.following.profile({ platform: 'slack', userId: body.user.id });
      await deps.following.toggle(
        {
          platform: 'slack',
          userId: body.user.id,
          conversationId: body.user.id,
          lang: earlier?.lang ?? 'en',
        },
        action.value ?? '',
      );
      await publish(deps, client, body.user.id);
    },
  );
}
