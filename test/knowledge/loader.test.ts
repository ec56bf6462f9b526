import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { fixtureKnowledge } from '../helpers/fixture-core.ts';

const valid = (id: string, lang: string, extra = '') => `---
id: ${id}
lang: ${lang}
title: "A ${id} guide"
collection: guide
jurisdictions: [US]
updated: 2026-11-21
review_by: 2027-05-21
sources:
  - { title: "19 CFR 210.13", url: "https://www.ecfr.gov/current/title-19/section-210.13" }
${extra}---
## Deadlines
The response is due in 20 days.
`;

describe('loadKnowledge', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iprisk-kb-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const put = async (path: string, text: string) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  };

  it('loads the fixture knowledge with metadata and no problems', async () => {
    const { documents, problems } = await loadKnowledge(fixtureKnowledge);
    expect(problems).toEqual([]);
    expect(documents.map((d) => `${d.meta.id}/${d.meta.lang}`).sort()).toContain('fixture-337/zh');
    const doc = documents.find((d) => d.meta.id === 'fixture-337' && d.meta.lang === 'en');
    expect(doc?.meta.jurisdictions).toEqual(['US']);
    expect(doc?.meta.updated).toBe('2026-11-21');
    expect(doc?.path).toBe('guides/fixture-337.en.md');
  });

  it.each([
    ['bad YAML', 'bad.en.md', '---\nid: [unclosed\n---\n## A\nText.\n', /not valid YAML/],
    ['a missing field', 'missing.en.md', valid('missing', 'en').replace(/title: .*\n/u, ''), /title/],
    ['a wrong field value', 'wrong.en.md', valid('wrong', 'en').replace('lang: en', 'lang: fr'), /lang/],
    [
      'an unknown collection',
      'coll.en.md',
      valid('coll', 'en').replace('collection: guide', 'collection: blog'),
      /collection/,
    ],
    ['no sources', 'nosrc.en.md', valid('nosrc', 'en').replace(/sources:\n.*\n/u, 'sources: []\n'), /source/],
    [
      'an empty body',
      'empty.en.md',
      valid('empty', 'en').replace(/---\n## Deadlines[\s\S]*$/u, '---\n\n'),
      /body is empty/,
    ],
    ['no front matter', 'plain.en.md', '## Just text\nNothing else.\n', /no front matter/],
    [
      'a case without industry',
      'case.en.md',
      valid('case', 'en').replace('collection: guide', 'collection: case'),
      /industry/,
    ],
  ])('reports %s with its path and skips only that document', async (_kind, file, text, reason) => {
    await put('guides/good.en.md', valid('good', 'en'));
    await put(`guides/${file}`, text);
    const { documents, problems } = await loadKnowledge(dir);
    expect(documents.map((d) => d.meta.id)).toEqual(['good']);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe(`guides/${file}`);
    expect(problems[0]?.reason).toMatch(reason);
  });

  it('rejects a duplicate id+lang and keeps the first', async () => {
    await put('guides/a.en.md', valid('same', 'en'));
    await put('guides/b.en.md', valid('same', 'en'));
    await put('guides/c.zh.md', valid('same', 'zh'));
    const { documents, problems } = await loadKnowledge(dir);
    expect(documents.map((d) => `${d.path}`)).toEqual(['guides/a.en.md', 'guides/c.zh.md']);
    expect(problems).toEqual([
      { path: 'guides/b.en.md', reason: expect.stringMatching(/duplicate id\+lang same\/en/u) },
    ]);
  });

  it('keeps the serving document when a stray copy takes its id, whatever the path order', async () => {
    await put('guides/us-337-response.en.md', valid('us-337-response', 'en'));
    await put('cases/copy.en.md', valid('us-337-response', 'en'));
    const serving = { 'us-337-response/en': { path: 'guides/us-337-response.en.md' } };
    const { documents, problems } = await loadKnowledge(dir, { serving });
    expect(documents.map((d) => d.path)).toEqual(['guides/us-337-response.en.md']);
    expect(problems).toEqual([
      { path: 'cases/copy.en.md', reason: expect.stringMatching(/duplicate id\+lang.*\(serving\)/u) },
    ]);
  });

  it('skips symbolic links (dangling too), FIFOs and oversized files with a reason, and loads the rest', async () => {
    await put('guides/good.en.md', valid('good', 'en'));
    await put('guides/big.en.md', valid('big', 'en') + 'x'.repeat(4096));
    await symlink(join(dir, 'guides/good.en.md'), join(dir, 'guides/link.en.md'));
    await symlink(join(dir, 'nowhere.md'), join(dir, 'guides/dangling.en.md'));
    execFileSync('mkfifo', [join(dir, 'guides/pipe.en.md')]);
    const { documents, problems } = await loadKnowledge(dir, { maxFileBytes: 2048 });
    expect(documents.map((d) => d.meta.id)).toEqual(['good']);
    const reasons = Object.fromEntries(problems.map((p) => [p.path, p.reason]));
    expect(reasons['guides/link.en.md']).toMatch(/symbolic link/u);
    expect(reasons['guides/dangling.en.md']).toMatch(/symbolic link/u);
    expect(reasons['guides/pipe.en.md']).toMatch(/not a regular file/u);
    expect(reasons['guides/big.en.md']).toMatch(/over the 2 KB limit/u);
  });

  it('ignores README files and the glossary folder', async () => {
    await put('README.md', '# Authoring notes');
    await put('glossary/terms.yaml', '- zh: [a]\n  en: [b]\n');
    await put('guides/good.en.md', valid('good', 'en'));
    const { documents, problems } = await loadKnowledge(dir);
    expect(documents).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
