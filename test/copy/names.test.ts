import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

/** The service has one name per language, wherever users read it. */
describe('product names', () => {
  it('calls the human service 申请专家协助 / 协助申请 in Chinese on every platform', async () => {
    const files = [...(await sources('src')), ...(await sources('adapters'))];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toMatch(/援助申请|人工协助/u);
    }
  });

  it('takes the button label from the one place that names the service', async () => {
    const { assistance } = await import('../../src/copy/product.ts');
    expect(assistance.action).toEqual({ en: 'Request assistance', zh: '申请专家协助' });
    for (const file of await sources('adapters')) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toMatch(/\{ en: 'Request assistance', zh: '申请专家协助' \}/u);
    }
  });
});
