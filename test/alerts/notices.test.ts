import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMetrics } from '../../src/admin/metrics.ts';
import { concernedMarkets } from '../../src/alerts/audience.ts';
import { createMemoryFollowStore } from '../../src/alerts/follow-store.ts';
import { createFollowing } from '../../src/alerts/following.ts';
import { createNoticeSender } from '../../src/alerts/notice-sender.ts';
import { createMemoryNoticeStore } from '../../src/alerts/notice-store.ts';
import { createNotices } from '../../src/alerts/notices.ts';
import { loadFollowingData } from '../../src/alerts/segments.ts';
import { isIpriskError } from '../../src/errors.ts';
import { createMarketTable } from '../../src/knowledge/markets.ts';
import { shippedKnowledge, silentLogger } from '../helpers/fixture-core.ts';

async function world() {
  const markets = createMarketTable(parse(await readFile(`${shippedKnowledge}/data/markets.yaml`, 'utf8')));
  const { segments } = await loadFollowingData(shippedKnowledge);
  const follows = createMemoryFollowStore();
  const following = createFollowing({ store: follows, markets: () => markets, segments });
  const store = createMemoryNoticeStore();
  const metrics = createMetrics();
  const sender = createNoticeSender({
    store,
    logger: silentLogger,
    metrics,
    rates: { telegram: 30, slack: 1 },
  });
  const notices = createNotices({
    follows,
    following,
    store,
    sender,
    segments,
    markets: () => markets,
    metrics,
    logger: silentLogger,
  });
  const follow = (id: string, text: string) =>
    following.follow({ platform: 'telegram', userId: id, conversationId: id, lang: 'en' }, text);
  /** Who is queued for a notice, by user id. */
  const queuedFor = async () => {
    const ids: string[] = [];
    for (let taken = await store.take(); taken; taken = await store.take())
      ids.push(taken.job.recipient.userId);
    return ids.sort();
  };
  return { notices, follow, queuedFor };
}

const draft = {
  en: 'Schedule A filings against lighting sellers are rising',
  zh: '针对照明卖家的 Schedule A 起诉增多',
};

describe('who a notice concerns', () => {
  it('reaches the markets where a document’s law applies, and nobody for a worldwide one', async () => {
    const markets = createMarketTable(parse(await readFile(`${shippedKnowledge}/data/markets.yaml`, 'utf8')));
    expect(concernedMarkets(markets, ['EU'])).toEqual(expect.arrayContaining(['EU', 'DE', 'FR']));
    expect(concernedMarkets(markets, ['RCEP'])).toEqual(expect.arrayContaining(['VN', 'JP', 'AU']));
    expect(concernedMarkets(markets, ['RCEP'])).not.toContain('CN');
    expect(concernedMarkets(markets, ['VN'])).toEqual(['VN']);
    expect(concernedMarkets(markets, ['INT'])).toEqual([]);
  });
});

describe('admin warnings', () => {
  it('reach exactly the followers of a segment, and the count before sending matches', async () => {
    const { notices, follow, queuedFor } = await world();
    await follow('lamps-us', 'US lighting');
    await follow('lamps', '照明');
    await follow('toys-us', 'US toys');
    await follow('us', 'US');
    const preview = await notices.previewWarning({ ...draft, segments: ['lighting'] });
    expect(preview.reach).toBe(2);
    const { queued } = await notices.sendWarning({ ...draft, segments: ['lighting'] });
    expect(queued).toBe(preview.reach);
    expect(await queuedFor()).toEqual(['lamps', 'lamps-us']);
  });

  it('narrow by every dimension named: US lighting sellers; EU warnings reach followers of member states', async () => {
    const { notices, follow, queuedFor } = await world();
    await follow('lamps-us', 'US lighting');
    await follow('lamps', 'lighting');
    await follow('de', 'Germany trademark');
    await follow('de-patents', 'DE patent');
    await notices.sendWarning({ ...draft, markets: 'US', segments: ['lighting'] });
    expect(await queuedFor()).toEqual(['lamps-us']);
    await notices.sendWarning({ ...draft, markets: '欧盟', ipTypes: ['trademark'] });
    expect(await queuedFor()).toEqual(['de']);
  });

  it('are refused, saying why, when they name nobody, an unknown market or lack a language', async () => {
    const { notices } = await world();
    for (const bad of [
      { ...draft },
      { ...draft, markets: 'Narnia' },
      { ...draft, segments: ['lighting'], zh: ' ' },
      { ...draft, segments: ['spaceships'] },
    ]) {
      const error = await notices.previewWarning(bad).catch((e: unknown) => e);
      expect(isIpriskError(error, 'INVALID_INPUT')).toBe(true);
    }
  });

  it('are listed by /warnings to those they concern, newest first', async () => {
    const { notices, follow } = await world();
    await follow('vn', 'VN');
    await notices.sendWarning({ ...draft, segments: ['lighting'] });
    await notices.sendWarning({ en: 'Squatting in Vietnam', zh: '越南抢注', markets: 'VN' });
    const mine = await notices.warningsFor({ platform: 'telegram', userId: 'vn' });
    expect(mine.map((n) => n.text.en.summary)).toEqual(['Squatting in Vietnam']);
    const everyone = await notices.warningsFor({ platform: 'telegram', userId: 'nobody' });
    expect(everyone).toHaveLength(2);
  });
});
