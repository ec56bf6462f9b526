import { InlineKeyboard } from 'grammy';
import { type FollowAction, followReply } from '../../src/alerts/follow-reply.ts';
import type { FollowProfile } from '../../src/alerts/follow-store.ts';
import { followCopy } from '../../src/copy/alerts.ts';
import type { Lang } from '../../src/text/lang.ts';
import { type BotContext, userLang } from './context.ts';
import type { TelegramDeps } from './deps.ts';

/** How a Telegram user types the follow command, in the replies that teach it. */
export const FOLLOW_COMMAND = '/follow';

/** A market button under /follow: `fw:<code>` follows it, or stops following it. */
export const followButtonPattern = /^fw:([A-Z]{2}|EU)$/u;

function follower(ctx: BotContext) {
  return {
    platform: 'telegram' as const,
    userId: String(ctx.from?.id ?? ''),
    conversationId: String(ctx.chat?.id ?? ''),
    lang: userLang(ctx),
  };
}

/** The common markets as buttons, four a row, ✓ on those followed. */
export function followKeyboard(
  deps: TelegramDeps,
  profile: FollowProfile | undefined,
  lang: Lang,
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  const names = deps.core.followNames(FOLLOW_COMMAND);
  deps.core.following.quickMarkets().forEach((code, i) => {
    if (i > 0 && i % 4 === 0) keyboard.row();
    const followed = profile?.markets.includes(code) ?? false;
    keyboard.text(`${followed ? '✓ ' : ''}${names.markets.name(code, lang)}`, `fw:${code}`);
  });
  return keyboard;
}

/**
 * /follow, /unfollow, /profile and /forget: the core decides and words it. A bare /follow or
 * /profile also offers the common markets as buttons.
 */
export async function followCommand(
  ctx: BotContext,
  deps: TelegramDeps,
  action: FollowAction,
  args: string,
): Promise<{ text: string; keyboard?: InlineKeyboard } | undefined> {
  if (!ctx.chat || !ctx.from) return undefined;
  const who = follower(ctx);
  const text = await followReply(
    deps.core.following,
    deps.core.followNames(FOLLOW_COMMAND),
    who,
    action,
    args,
  );
  if ((action === 'follow' || action === 'profile') && args.trim() === '')
    return { text, keyboard: followKeyboard(deps, await deps.core.following.profile(who), who.lang) };
  return { text };
}

/** A market button pressed: toggled, and the message shows the new profile and buttons. */
export async function followButton(ctx: BotContext, deps: TelegramDeps, code: string): Promise<void> {
  const who = follower(ctx);
  const profile = await deps.core.following.toggle(who, code);
  await ctx.answerCallbackQuery();
  await ctx
    .editMessageText(followCopy.profile(profile, who.lang, deps.core.followNames(FOLLOW_COMMAND)), {
      reply_markup: followKeyboard(deps, profile, who.lang),
    })
    .catch((err: unknown) => deps.core.logger.debug({ err }, 'follow buttons not updated'));
}
