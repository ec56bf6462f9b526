import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureKnowledge } from './fixture-core.ts';

/** A fixture note on one market, in both languages, whose opposition period an edit changes. */
function vietnamNote(lang: 'en' | 'zh', months: 3 | 5): string {
  const changeNote =
    months === 3
      ? lang === 'en'
        ? 'change_note: "Opposition period cut from 5 to 3 months"\n'
        : 'change_note: "异议期由5个月缩短为3个月"\n'
      : '';
  const front = `---
id: fixture-vietnam
lang: ${lang}
title: "${lang === 'en' ? 'Fixture: Vietnam trademark opposition' : '测试：越南商标异议'}"
collection: guide
jurisdictions: [VN]
ip_types: [trademark]
stages: [prevention]
updated: 2026-11-21
review_by: 2027-05-21
${changeNote}sources:
  - { title: "Fixture source", url: "https://example.org/vn" }
---
`;
  const body =
    lang === 'en'
      ? `## Opposition period

Anyone may oppose a published trademark application in Vietnam within ${months} months of its publication in the Official Gazette.

## Who can help

The guidance center can connect you with a Vietnamese trademark agent.
`
      : `## 异议期

任何人可在越南商标申请于官方公报公告之日起${months}个月内提出异议。

## 求助渠道

指导中心可为您联系越南商标代理机构。
`;
  return front + body;
}

/** A writable copy of the fixture knowledge plus a Vietnam note; `change()` edits the note in both languages. */
export async function changingKnowledge() {
  const dir = await mkdtemp(join(tmpdir(), 'iprisk-knowledge-'));
  await cp(fixtureKnowledge, dir, { recursive: true });
  const write = async (months: 3 | 5) => {
    await writeFile(join(dir, 'guides', 'fixture-vietnam.en.md'), vietnamNote('en', months));
    await writeFile(join(dir, 'guides', 'fixture-vietnam.zh.md'), vietnamNote('zh', months));
  };
  await write(5);
  return {
    dir,
    /** The 2026 change: the opposition period becomes 3 months. */
    change: () => write(3),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
