import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planChangeNotices } from '../../src/alerts/change-notices.ts';
import { changingKnowledge } from '../helpers/changing-knowledge.ts';
import { startCore } from '../helpers/fixture-core.ts';

describe('planning change notices', () => {
  let knowledge: Awaited<ReturnType<typeof changingKnowledge>>;
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    knowledge = await changingKnowledge();
    core = await startCore(knowledge.dir);
  });
  afterAll(async () => {
    await core?.close();
    await knowledge?.remove();
  });

  it('says what changed (change_note, else the section), quotes the new fact, and lets the admin reword it or send none', async () => {
    await knowledge.change();
    const customs = join(knowledge.dir, 'guides', 'fixture-customs.en.md');
    await writeFile(customs, (await readFile(customs, 'utf8')).replace('3 working days', '4 working days'));
    const before = core.index.get();
    const { report, index } = await core.reloader.previewBuild();

    const planned = planChangeNotices(before, index, report);
    const vietnam = planned.find((n) => n.docId === 'fixture-vietnam');
    const eu = planned.find((n) => n.docId === 'fixture-customs');
    expect(vietnam?.audience.markets).toEqual(['VN']);
    expect(vietnam?.text.en).toMatchObject({
      summary: 'Opposition period cut from 5 to 3 months',
      fact: expect.stringContaining('within 3 months'),
      citation: 'Fixture: Vietnam trademark opposition › Opposition period',
    });
    expect(vietnam?.text.zh.fact).toContain('3个月');
    // Only the English customs note changed: its notice quotes the new English sentence, and
    // tells Chinese readers what changed without quoting the stale Chinese one.
    expect(eu?.audience.markets).toEqual(['EU']);
    expect(eu?.text.en.fact).toContain('4 working days');
    expect(eu?.text.en.summary).toContain('Key deadlines');
    expect(eu?.text.zh.fact).toBeUndefined();

    const edited = planChangeNotices(before, index, report, {
      'fixture-vietnam': { en: 'Vietnam: oppose within 3 months now' },
      'fixture-customs': { noNotice: true },
    });
    expect(edited.map((n) => n.id)).toEqual([expect.stringMatching(/^fixture-vietnam@/u)]);
    expect(edited[0]?.text.en.summary).toBe('Vietnam: oppose within 3 months now');
    expect(edited[0]?.text.zh.summary).toBe('异议期由5个月缩短为3个月');
  });
});
