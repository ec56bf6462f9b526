import { type FollowAction, followReply } from '../../src/alerts/follow-reply.ts';
import { type BotContext, userLang } from './context.ts';
import type { TelegramDeps } from './deps.ts';

/** /follow, /unfollow, /profile and /forget: the core decides and words it; returns the text. */
export async function followCommand(
  ctx: BotContext,
  deps: TelegramDeps,
  action: FollowAction,
  args: string,
): Promise<string | undefined> {
  if (!ctx.chat || !ctx.from) return undefined;
  const follower = {
    platform: 'telegram' as const,
    userId: String(ctx.from.id),
    conversationId: String(ctx.chat.id),
    lang: userLang(ctx),
  };
  return followReply(deps.core.following, deps.core.followNames(), follower, action, args);
}
