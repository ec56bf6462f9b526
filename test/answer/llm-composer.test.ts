import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeOpenAi } from '../helpers/fake-openai.ts';
import { startCore } from '../helpers/fixture-core.ts';

// A passage question of the fixture knowledge: no card answers it, so the model writes the answer.
const PASSAGE_QUESTION = 'By when does the ITC set the target date after institution?';

describe('LLM mode against a local OpenAI-compatible server', () => {
  const api = fakeOpenAi();
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    const baseUrl = await api.start();
    core = await startCore(undefined, {
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: baseUrl,
      CHAT_MODEL: 'test-model',
      LLM_TIMEOUT_MS: '1000',
      LLM_MAX_RETRIES: '0',
    });
  });
  beforeEach(() => api.script());
  afterAll(async () => {
    await core.close();
    await api.stop();
  });
  const metric = (outcome: string) =>
    Number(
      new RegExp(`iprisk_llm_answers_total\\{outcome="${outcome}"\\} (\\d+)`, 'u').exec(
        core.metrics.render({}),
      )?.[1] ?? 0,
    );

  it('answers from a curated card without calling the model', async () => {
    const before = api.requests.length;
    const result = await core.assistant.ask({ text: 'What is the Section 337 response deadline?' });
    expect(result.answer).toContain('20 days after service');
    expect(api.requests.length).toBe(before);
  });

  it('shows a correct cited answer as written, with the cited passage as its source', async () => {
    api.script({ content: 'The response is due 20 days after service [1].' });
    const before = metric('verified');
    const result = await core.assistant.ask({ text: PASSAGE_QUESTION });
    expect(result.answer).toContain('The response is due 20 days after service [1].');
    expect(result.answer).toContain('Sources: Fixture: Section 337 response');
    expect(result.citations[0]?.id).toBe('fixture-337');
    const last = api.requests.at(-1);
    expect(last?.path).toBe('/v1/chat/completions');
    expect(last?.body.model).toBe('test-model');
    expect(last?.body.messages[0]?.content).toContain('20 days after service of the complaint');
    expect(last?.body.messages[0]?.content).toContain('Reply in English');
    expect(metric('verified')).toBe(before + 1);
    expect(core.metrics.render({})).toMatch(/iprisk_llm_tokens_total\{kind="completion"\} \d+/u);
  });

  it('never shows a figure no passage states: the sentence goes, or the extractive answer is used', async () => {
    api.script({
      content: 'The response is due 20 days after service [1]. An extension of 90 days is common [1].',
    });
    const repaired = await core.assistant.ask({ text: PASSAGE_QUESTION });
    expect(repaired.answer).toContain('20 days after service [1]');
    expect(repaired.answer).not.toContain('90');
    api.script({ content: 'The response is due 90 days after service [1].' });
    const replaced = await core.assistant.ask({ text: PASSAGE_QUESTION });
    expect(replaced.abstained).toBe(false);
    expect(replaced.answer).not.toContain('90');
    expect(replaced.answer).not.toContain('[1]');
    expect(metric('repaired')).toBeGreaterThanOrEqual(1);
    expect(metric('fell_back')).toBeGreaterThanOrEqual(1);
  });

  it('drops a citation to a passage it was not given', async () => {
    api.script({ content: 'The response is due 20 days after service [1][9].' });
    const result = await core.assistant.ask({ text: PASSAGE_QUESTION });
    expect(result.answer).toContain('20 days after service [1].');
    expect(result.answer).not.toContain('[9]');
  });

  it('uses the extractive answer when the model answers in the wrong language', async () => {
    api.script({ content: 'The response is due 20 days after service [1].' });
    const result = await core.assistant.ask({ text: '美国337调查的答辩期限是多久?' });
    expect(result.lang).toBe('zh');
    expect(result.answer).toContain('20天');
    expect(result.answer).not.toContain('The response');
  });

  it('uses the extractive answer when the model fails or does not answer in time', async () => {
    api.script({ fail: true });
    const failed = await core.assistant.ask({ text: PASSAGE_QUESTION });
    expect(failed.abstained).toBe(false);
    expect(failed.answer).not.toContain('[1]');
    api.script({ hangMs: 3000 });
    const started = Date.now();
    const slow = await core.assistant.ask({ text: PASSAGE_QUESTION });
    expect(slow.abstained).toBe(false);
    expect(Date.now() - started).toBeLessThan(2900);
  });

  it('still abstains without calling the model when the question is off-topic', async () => {
    const before = api.requests.length;
    const result = await core.assistant.ask({ text: 'How do I bake sourdough bread?' });
    expect(result.abstained).toBe(true);
    expect(api.requests.length).toBe(before);
  });

  it('rewrites a follow-up into a standalone question before retrieval, and shows the model the last turns', async () => {
    const sessionId = 'llm-followup';
    api.script({ content: 'RCEP entered into force for Korea on 1 February 2022 [1].' });
    await core.assistant.ask({ text: 'When did RCEP enter into force for Korea?', sessionId });
    const before = api.requests.length;
    api.script(
      { content: 'When did RCEP enter into force for Japan?' },
      { content: 'RCEP entered into force for Japan on 1 January 2022 [1].' },
    );
    const result = await core.assistant.ask({ text: 'And in Japan?', sessionId });
    const [rewrite, answer] = api.requests.slice(before);
    expect(rewrite?.body.messages.at(-1)?.content).toContain('Last message: And in Japan?');
    expect(rewrite?.body.messages.at(-1)?.content).toContain('When did RCEP enter into force for Korea?');
    expect(answer?.body.messages[0]?.content).toContain(
      'Question: When did RCEP enter into force for Japan?',
    );
    expect(answer?.body.messages.map((m) => m.content)).toContain(
      'When did RCEP enter into force for Korea?',
    );
    expect(result.answer).toContain('1 January 2022');
  });
});
