import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore } from '../helpers/fixture-core.ts';

describe('assistant', () => {
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    core = await startCore();
  });
  afterAll(async () => {
    await core.close();
  });
  const ask = (text: string, sessionId?: string) =>
    core.assistant.ask({ text, ...(sessionId ? { sessionId } : {}) });

  it('answers a Chinese question in Chinese with the deadline and a citation', async () => {
    const result = await ask('美国337调查的答辩期限是多久?');
    expect(result.lang).toBe('zh');
    expect(result.abstained).toBe(false);
    expect(result.answer).toContain('20天');
    expect(result.citations[0]).toMatchObject({ id: 'fixture-337', collection: 'guide' });
    expect(result.answer).toContain('来源');
  });

  it('answers an English question in English, leading with the figure', async () => {
    const result = await ask('What is the deadline for the right holder after EU customs detain goods?');
    expect(result.lang).toBe('en');
    expect(result.answer.split('\n')[0]).toContain('10 working days');
    expect(result.citations.map((c) => c.id)).toEqual(['fixture-customs']);
  });

  it('answers in the language of the question from the other language version', async () => {
    const result = await ask('RCEP对韩国是哪天生效的?');
    expect(result.answer).toContain('2022年2月1日');
  });

  it('adds first steps when asked what to do', async () => {
    const result = await ask('We got a Section 337 complaint, what should we do?');
    expect(result.answer).toMatch(/First steps:\n1\. /u);
    expect(result.suggestAssistance).toBe(true);
  });

  it.each(['Write me a poem', 'How do I bake sourdough bread?', '明天上海会下雨吗?', '帮我写一封情书'])(
    'abstains on the off-topic question %j without offering experts',
    async (question) => {
      const result = await ask(question);
      expect(result.abstained).toBe(true);
      expect(result.citations).toEqual([]);
      expect(result.suggestAssistance).toBe(false);
    },
  );

  it.each([
    ['en', 'What is the trademark opposition period in Argentina?', 'Argentina', /not cover that market/u],
    ['en', 'How do we record our trademark with customs in Nigeria?', 'Nigeria', /not cover that market/u],
    ['en', 'Saudi Arabia patent filing deadline?', 'Saudi Arabia', /not cover that market/u],
    ['zh', '哈萨克斯坦的商标异议期是多久？', '哈萨克斯坦', /不涵盖该市场/u],
    ['zh', '阿根廷海关备案怎么做？', '阿根廷', /不涵盖该市场/u],
  ])(
    'declines a %s question about an uncovered market (%s) with what we cover, and offers help',
    async (lang, question, market, reply) => {
      const result = await ask(question);
      expect(result.abstained).toBe(true);
      expect(result.lang).toBe(lang);
      expect(result.answer).toContain(market);
      expect(result.answer).toMatch(reply);
      // The reply says which markets are covered, in the question's language.
      expect(result.answer).toContain(lang === 'zh' ? '美国' : 'United States');
      expect(result.suggestAssistance).toBe(true);
      expect(result.citations).toEqual([]);
    },
  );

  it('never answers for one market with a rule of another', async () => {
    // The fixture knows US 337 deadlines and EU customs, nothing about Japanese courts.
    const result = await ask('How long do we have to answer a patent lawsuit in a Japanese court?');
    expect(result.abstained).toBe(true);
    expect(result.answer).not.toMatch(/20 days|10 working days/u);
  });

  it('answers from a matching card, citing its section, in either language', async () => {
    const en = await ask('How many days do we get to respond to an ITC 337 complaint?');
    expect(en.answer).toContain('20 days');
    expect(en.citations[0]).toMatchObject({ id: 'fixture-337' });
    const zh = await ask('337调查答辩期限');
    expect(zh.answer).toContain('20');
    expect(zh.answer).not.toMatch(/[,;:?!](?=\p{Script=Han})/u);
  });

  it('does not answer "how much" with a card or passage that states no amount', async () => {
    const result = await ask('How much does it cost to respond to a Section 337 complaint?');
    expect(result.abstained).toBe(true);
    expect(result.suggestAssistance).toBe(true);
  });

  it('explains why it answered or abstained', async () => {
    const answered = await core.assistant.ask({
      text: 'How many days do we get to respond to an ITC 337 complaint?',
      explain: true,
    });
    expect(answered.explanation?.route).toBe('card');
    expect(answered.explanation?.cards[0]?.features).toHaveProperty('forward');
    const declined = await core.assistant.ask({
      text: 'Trademark opposition period in Argentina?',
      explain: true,
    });
    expect(declined.explanation?.route).toBe('abstain');
    expect(declined.explanation?.reason).toContain('AR');
  });

  it('folds full-width characters and drops zero-width ones before reading the question', async () => {
    const result = await ask('３３７\u200b调查的答辩\u200d期限是多久？');
    expect(result.abstained).toBe(false);
    expect(result.answer).toContain('20');
  });

  it('suggests assistance only for an active dispute', async () => {
    expect((await ask('Our goods were detained by customs in Hamburg, what now?')).suggestAssistance).toBe(
      true,
    );
    expect((await ask('我们的亚马逊账户被冻结了,怎么办?')).suggestAssistance).toBe(true);
    expect((await ask('How long is the EU customs deadline?')).suggestAssistance).toBe(false);
  });

  describe('follow-ups', () => {
    it('answers "And in Korea?" in the context of the previous question', async () => {
      const session = 'test:follow-en';
      await ask('When did RCEP enter into force for Japan?', session);
      const result = await ask('And for Korea?', session);
      expect(result.answer).toContain('1 February 2022');
    });

    it('continues the topic for "如果不答辩会怎样?"', async () => {
      const session = 'test:follow-zh';
      await ask('337调查的答辩期限是多久?', session);
      const result = await ask('如果不答辩会怎样?', session);
      expect(result.answer).toMatch(/视为承认|缺席/u);
    });

    it("keeps each session's topic to itself", async () => {
      await ask('When did RCEP enter into force for Japan?', 'test:a');
      await ask('And for Korea?', 'test:b');
      const state = await core.sessions.get('test:b');
      expect(state?.turns.map((turn) => turn.resolved)).toEqual(['And for Korea?']);
    });
  });

  describe('bad input gets a clear reply, never a crash', () => {
    it.each([
      ['an empty question', ''],
      ['white space', '   \n\t '],
      ['only emoji', '😀😀🎉'],
    ])('%s', async (_name, text) => {
      const result = await ask(text);
      expect(result.abstained).toBe(true);
      expect(result.answer).toMatch(/question|问题/u);
    });

    it('10,000 characters', async () => {
      const result = await ask(`What is the 337 response deadline? ${'lorem ipsum '.repeat(900)}`);
      expect(result.answer.length).toBeGreaterThan(0);
      expect(result.answer.length).toBeLessThan(3000);
    });

    it.each([
      ['mixed zh/en', 'Section 337 investigation 的 response 期限是多久?'],
      ['Markdown', '# Heading\n**What** is the `337` response deadline?'],
      ['HTML', '<script>alert(1)</script><b>337 response deadline</b>'],
      ['SQL-looking text', "'; DROP TABLE users; -- 337 response deadline"],
    ])('%s', async (_name, text) => {
      const result = await ask(text);
      expect(result.abstained).toBe(false);
      expect(result.answer).toMatch(/20/u);
      expect(result.answer).not.toContain('<script>');
    });
  });
});
