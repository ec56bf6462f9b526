import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChat } from '../../adapters/console/chat.ts';
import { startCore } from '../helpers/fixture-core.ts';

describe('console chat', () => {
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    core = await startCore();
  });
  afterAll(async () => {
    await core.close();
  });

  async function converse(lines: string[]): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (data: Buffer) => {
      text += data.toString();
    });
    const done = runChat({ assistant: core.assistant, input, output, sessionId: `chat:${Math.random()}` });
    input.end(`${lines.join('\n')}\n`);
    await done;
    return text;
  }

  it('greets in both languages, answers, and follows /lang and /quit', async () => {
    const text = await converse([
      '/help',
      'What is the Section 337 response deadline?',
      '/lang zh',
      'What is the Section 337 response deadline?',
      '/quit',
      'never asked',
    ]);
    expect(text).toContain('overseas IP risk assistant');
    expect(text).toContain('海外知识产权风险助手');
    expect(text).toContain('20 days');
    expect(text).toContain('20天');
    expect(text).toContain('Bye');
    expect(text).not.toContain('never asked');
  });

  it('explains unknown commands and bad /lang values', async () => {
    const text = await converse(['/frob', '/lang xx']);
    expect(text).toContain('Unknown command /frob');
    expect(text).toContain('Usage: /lang zh | en | auto');
  });
});
