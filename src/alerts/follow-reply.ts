import { type FollowNames, followCopy } from '../copy/alerts.ts';
import { isIpriskError } from '../errors.ts';
import type { Follower, Following } from './following.ts';

export type FollowAction = 'follow' | 'unfollow' | 'profile' | 'forget';

/**
 * What /follow, /unfollow, /profile and /forget answer, the same on Telegram and Slack: the
 * adapters only turn the command into an action and render the text.
 */
export async function followReply(
  following: Following,
  names: FollowNames,
  follower: Follower,
  action: FollowAction,
  args: string,
): Promise<string> {
  const { lang } = follower;
  if (action === 'forget')
    return (await following.forget(follower)) ? followCopy.forgotten[lang] : followCopy.nothingToForget[lang];
  if (action === 'profile' || args.trim() === '')
    return followCopy.profile(await following.profile(follower), lang, names);
  if (action === 'unfollow') {
    const profile = await following.unfollow(follower, args);
    return profile
      ? followCopy.unfollowed(profile, lang, names)
      : followCopy.notFollowing(lang, names.command);
  }
  try {
    const { profile, request } = await following.follow(follower, args);
    return followCopy.followed(profile, lang, names, request.unknown);
  } catch (error) {
    if (!isIpriskError(error, 'INVALID_INPUT')) throw error;
    return followCopy.nothingToFollow(lang, names.command);
  }
}
