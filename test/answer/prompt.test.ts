import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPromptTemplate } from '../../src/answer/prompt.ts';
import { isIpriskError } from '../../src/errors.ts';

describe('prompt templates', () => {
  it('renders the shipped template', async () => {
    const prompt = await loadPromptTemplate('prompts/answer.md');
    const text = prompt.render({ language: 'English', question: 'Q?', passages: '[1] P' });
    expect(text).toContain('Question: Q?');
    expect(text).toContain('[1] P');
  });

  it('fails at start with CONFIG_INVALID when a placeholder is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iprisk-prompt-'));
    try {
      await writeFile(join(dir, 'answer.md'), 'Answer {{question}} in {{language}}.');
      const error = await loadPromptTemplate(join(dir, 'answer.md')).catch((e: unknown) => e);
      expect(isIpriskError(error, 'CONFIG_INVALID')).toBe(true);
      expect((error as Error).message).toContain('{{passages}}');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
