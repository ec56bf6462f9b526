import type { MarketTable } from '../knowledge/markets.ts';
import type { FollowProfile, FollowStore } from './follow-store.ts';
import type { Audience } from './notice.ts';

/** The market and what speaks for it: groups whose law applies there (EU) and its agreements (RCEP). */
export function lawReach(table: MarketTable, code: string): string[] {
  return [...table.withGroups(code), ...table.memberOf(code)];
}

/** Markets, IP types and segments all empty: a profile that follows nothing, a draft that names nobody. */
export function namesNothing(interest: Audience): boolean {
  return interest.markets.length + interest.ipTypes.length + interest.segments.length === 0;
}

/**
 * The markets whose followers a notice about `targets` concerns: the targets themselves and every
 * market where their law applies (EU → DE, FR, …; RCEP → VN, JP, …). Worldwide and home-market
 * documents concern no followed market.
 */
export function concernedMarkets(table: MarketTable, targets: string[]): string[] {
  const wanted = new Set(targets.filter((code) => code !== 'INT'));
  const codes = new Set<string>();
  for (const market of table.data.markets) {
    if (lawReach(table, market.code).some((code) => wanted.has(code))) codes.add(market.code);
  }
  for (const code of wanted) if (table.has(code)) codes.add(code);
  return [...codes].filter((code) => !table.isHome(code) || wanted.has(code));
}

/**
 * Whether a follower is in the audience: every dimension the notice names must match: a market
 * they follow is concerned, they follow one of its segments, and, for IP types, they follow one
 * of them or did not narrow their IP types at all.
 */
export function inAudience(
  profile: FollowProfile,
  audience: Audience,
  concerned: ReadonlySet<string>,
): boolean {
  if (audience.markets.length > 0 && !profile.markets.some((code) => concerned.has(code))) return false;
  if (audience.segments.length > 0 && !profile.segments.some((id) => audience.segments.includes(id)))
    return false;
  if (
    audience.ipTypes.length > 0 &&
    profile.ipTypes.length > 0 &&
    !profile.ipTypes.some((type) => audience.ipTypes.includes(type))
  )
    return false;
  return true;
}

/** The followers a notice reaches, each once. */
export async function audienceOf(
  store: FollowStore,
  table: MarketTable,
  audience: Audience,
): Promise<FollowProfile[]> {
  const concerned = new Set(concernedMarkets(table, audience.markets));
  // Candidates come from the narrowest index the notice names; the filter does the rest.
  const candidates =
    audience.markets.length > 0
      ? await store.followersOf([...concerned])
      : audience.segments.length > 0
        ? (await Promise.all(audience.segments.map((id) => store.inSegment(id)))).flat()
        : (await Promise.all(audience.ipTypes.map((type) => store.withIpType(type)))).flat();
  const seen = new Set<string>();
  return candidates.filter((profile) => {
    const key = `${profile.platform}:${profile.userId}`;
    if (seen.has(key) || !inAudience(profile, audience, concerned)) return false;
    seen.add(key);
    return true;
  });
}
