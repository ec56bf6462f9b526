import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderAnswerNote, saveAnswerNote } from '../../src/admin/answer-note.ts';
import { isIpriskError } from '../../src/errors.ts';
import { loadKnowledge } from '../../src/knowledge/loader.ts';

const today = new Date('2026-12-01T08:00:00Z');
const note = {
  lang: 'en' as const,
  question: 'How long is the trademark opposition period in Chile?',
  answer: 'In Chile an opposition is filed within 30 working days of publication in the Diario Oficial.',
  markets: ['CL'],
  ipTypes: ['trademark' as const],
  sources: [{ title: 'Ley 19.039', url: 'https://www.bcn.cl/leychile/navegar?idNorma=30406' }],
};

describe('answer notes written in the console', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is a knowledge document that loads: one FAQ entry, its sources, updated today and reviewed in six months', async () => {
    dir = await mkdtemp(join(tmpdir(), 'iprisk-note-'));
    const saved = await saveAnswerNote(dir, note, today);
    expect(saved.path).toMatch(/^notes\/note-[a-z-]*trademark-opposition-period-chile-[0-9a-f]{6}\.en\.md$/u);
    const { documents, problems } = await loadKnowledge(dir);
    expect(problems).toEqual([]);
    expect(documents[0]?.meta).toMatchObject({
      id: saved.id,
      lang: 'en',
      jurisdictions: ['CL'],
      updated: '2026-12-01',
      review_by: '2027-06-01',
      sources: note.sources,
      title: 'Answer notes (CL)',
    });
    expect(documents[0]?.body).toContain('### How long is the trademark opposition period in Chile?');
    expect(documents[0]?.body).toContain('not legal advice');
  });

  it('writes Chinese notes with a Chinese FAQ heading and closing line', () => {
    const { text, id } = renderAnswerNote(
      {
        ...note,
        lang: 'zh',
        question: '智利商标异议期多长？',
        answer: '在智利，异议应在公告后30个工作日内提出。',
      },
      today,
    );
    expect(id).toMatch(/^note-[0-9a-f]{6}$/u);
    expect(text).toContain('## 常见问题');
    expect(text).toContain('不构成法律意见');
  });

  it('refuses a note without sources or markets with a reason the admin can act on', () => {
    const refused = (input: Parameters<typeof renderAnswerNote>[0]) => {
      try {
        renderAnswerNote(input, today);
      } catch (error) {
        return isIpriskError(error, 'INVALID_INPUT') ? error.message : 'other error';
      }
      return 'accepted';
    };
    expect(refused({ ...note, sources: [] })).toContain('source');
    expect(refused({ ...note, markets: [] })).toContain('market');
    expect(refused({ ...note, markets: ['Chile'] })).toContain('ISO');
  });

  it('never overwrites an existing note', async () => {
    dir = await mkdtemp(join(tmpdir(), 'iprisk-note-'));
    const saved = await saveAnswerNote(dir, note, today);
    const before = await readFile(join(dir, saved.path), 'utf8');
    await expect(
      saveAnswerNote(dir, { ...note, answer: `${note.answer} Changed.` }, today),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await readFile(join(dir, saved.path), 'utf8')).toBe(before);
  });
});
