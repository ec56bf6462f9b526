import { IpriskError } from '../errors.ts';
import type { MarketTable } from '../knowledge/markets.ts';
import type { Lang } from '../text/lang.ts';
import { englishStopwords } from '../text/stopwords.ts';
import { ipTypeLabels, namedIpTypes } from '../triage/labels.ts';
import { namesNothing } from './audience.ts';
import type { FollowProfile, FollowStore } from './follow-store.ts';
import type { Segments } from './segments.ts';

export interface Follower {
  platform: FollowProfile['platform'];
  userId: string;
  conversationId: string;
  lang: Lang;
}

export interface FollowRequest {
  markets: string[];
  ipTypes: string[];
  segments: string[];
  /** Words that name nothing known, to say so. */
  unknown: string[];
}

// Lists: "VN, US", "越南、美国", "美国和德国", "US and Germany" (the English words are stopwords below).
const separators = /[\s,，、;；/和与及&]+/u;
const all = /^(all|everything|全部|所有)$/iu;

/**
 * Following markets, IP types and industry segments: what /follow, /unfollow, /profile and
 * /forget do on every platform. Markets are read with the market table (ISO codes or names in
 * either language), so only markets the product knows can be followed.
 */
export function createFollowing(deps: {
  store: FollowStore;
  markets: () => MarketTable;
  segments: Segments;
  /** The markets offered as buttons. */
  quickMarkets?: string[];
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const ipNames = namedIpTypes.map((id) => {
    const label = ipTypeLabels[id as keyof typeof ipTypeLabels];
    return { id, names: [id, label.en, ...label.zh.split(/\s*\/\s*/u)].map((n) => n.toLowerCase()) };
  });

  function read(text: string): FollowRequest {
    const table = deps.markets();
    const lower = text.normalize('NFKC').toLowerCase();
    const markets = new Set(table.find(text).map((m) => m.code));
    for (const token of text.normalize('NFKC').split(separators))
      if (/^[A-Za-z]{2}$/u.test(token) && table.has(token.toUpperCase())) markets.add(token.toUpperCase());
    const has = (name: string) =>
      /\p{Script=Han}/u.test(name)
        ? lower.includes(name)
        : new RegExp(`(^|[^a-z])${name}([^a-z]|$)`, 'u').test(lower);
    const ipTypes = ipNames.filter((ip) => ip.names.some(has)).map((ip) => ip.id);
    const segments = deps.segments
      .filter((s) => [s.id, ...s.en, ...s.zh].some((n) => has(n.toLowerCase())))
      .map((s) => s.id);
    const known = [
      ...[...markets].flatMap((code) => [
        code.toLowerCase(),
        table.name(code, 'en').toLowerCase(),
        table.name(code, 'zh'),
      ]),
      ...ipNames.filter((ip) => ipTypes.includes(ip.id)).flatMap((ip) => ip.names),
      ...deps.segments.filter((s) => segments.includes(s.id)).flatMap((s) => [s.id, ...s.en, ...s.zh]),
    ].join(' ');
    const unknown = text
      .normalize('NFKC')
      .split(separators)
      .filter((token) => token.length > 0 && !all.test(token) && !englishStopwords.has(token.toLowerCase()))
      .filter(
        (token) => table.find(token).length === 0 && !known.toLowerCase().includes(token.toLowerCase()),
      );
    return { markets: [...markets], ipTypes, segments, unknown };
  }

  const blank = (follower: Follower): FollowProfile => ({
    ...follower,
    markets: [],
    ipTypes: [],
    segments: [],
    updatedAt: now().toISOString(),
  });
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

  return {
    read,

    /** Adds what the text names; nothing recognised is refused with what was not understood. */
    async follow(
      follower: Follower,
      text: string,
    ): Promise<{ profile: FollowProfile; request: FollowRequest }> {
      const request = read(text);
      if (namesNothing(request))
        throw new IpriskError('INVALID_INPUT', `Nothing to follow in "${text.slice(0, 80)}".`, {
          hint: 'Name markets (VN, US, 越南, Germany), and optionally IP types or an industry.',
        });
      const earlier = (await deps.store.get(follower.platform, follower.userId)) ?? blank(follower);
      const profile: FollowProfile = {
        ...earlier,
        ...follower,
        markets: union(earlier.markets, request.markets),
        ipTypes: union(earlier.ipTypes, request.ipTypes),
        segments: union(earlier.segments, request.segments),
        updatedAt: now().toISOString(),
      };
      await deps.store.save(profile);
      return { profile, request };
    },

    /** Removes what the text names ("all" removes every market). */
    async unfollow(follower: Follower, text: string): Promise<FollowProfile | undefined> {
      const earlier = await deps.store.get(follower.platform, follower.userId);
      if (!earlier) return undefined;
      const everything = text
        .trim()
        .split(separators)
        .some((token) => all.test(token));
      const request = read(text);
      const profile: FollowProfile = {
        ...earlier,
        markets: everything ? [] : earlier.markets.filter((m) => !request.markets.includes(m)),
        ipTypes: everything ? [] : earlier.ipTypes.filter((t) => !request.ipTypes.includes(t)),
        segments: everything ? [] : earlier.segments.filter((s) => !request.segments.includes(s)),
        updatedAt: now().toISOString(),
      };
      await deps.store.save(profile);
      return profile;
    },

    /** The markets offered as buttons, those the data names that the market table knows. */
    quickMarkets: () => (deps.quickMarkets ?? []).filter((code) => deps.markets().has(code)),

    /** A market button: follows the market, or stops following it. */
    async toggle(follower: Follower, code: string): Promise<FollowProfile> {
      const earlier = (await deps.store.get(follower.platform, follower.userId)) ?? blank(follower);
      const followed = earlier.markets.includes(code);
      const profile: FollowProfile = {
        ...earlier,
        ...follower,
        markets: followed ? earlier.markets.filter((m) => m !== code) : [...earlier.markets, code],
        updatedAt: now().toISOString(),
      };
      await deps.store.save(profile);
      return profile;
    },

    profile: (follower: Pick<Follower, 'platform' | 'userId'>) =>
      deps.store.get(follower.platform, follower.userId),

    forget: (follower: Pick<Follower, 'platform' | 'userId'>) =>
      deps.store.forget(follower.platform, follower.userId),
  };
}

export type Following = ReturnType<typeof createFollowing>;
