import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedKnowledge, startCore } from '../helpers/fixture-core.ts';

/** The export markets beyond RCEP, asked about as exporters do, in both languages. */
describe('answers about the new market notes (shipped knowledge)', () => {
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    core = await startCore(shippedKnowledge);
  });
  afterAll(async () => {
    await core.close();
  });
  const ask = (text: string) => core.assistant.ask({ text });

  it.each([
    ['the UK', '英国', 'market-united-kingdom', /2 months/u, /2个月/u],
    ['India', '印度', 'market-india', /4 months/u, /4个月/u],
    ['Brazil', '巴西', 'market-brazil', /60 days/u, /60天/u],
    ['Mexico', '墨西哥', 'market-mexico', /1 month/u, /1个月/u],
    ['Canada', '加拿大', 'market-canada', /2 months/u, /2个月/u],
    ['Türkiye', '土耳其', 'market-turkiye', /2 months/u, /2个月/u],
  ])(
    'gives the opposition period in %s with the note cited, in en and zh',
    async (en, zh, id, enFigure, zhFigure) => {
      const english = await ask(`What is the trademark opposition period in ${en}?`);
      expect(english.answer).toMatch(enFigure);
      expect(english.citations[0]?.id).toBe(id);
      const chinese = await ask(`${zh}商标异议期是多久？`);
      expect(chinese.answer).toMatch(zhFigure);
      expect(chinese.citations[0]?.id).toBe(id);
    },
  );

  it.each([
    ['the UK', '英国', 'market-united-kingdom'],
    ['India', '印度', 'market-india'],
    ['Brazil', '巴西', 'market-brazil'],
    ['Mexico', '墨西哥', 'market-mexico'],
    ['Canada', '加拿大', 'market-canada'],
    ['Turkey', '土耳其', 'market-turkiye'],
    ['the UAE', '阿联酋', 'market-uae'],
    ['Saudi Arabia', '沙特', 'market-saudi-arabia'],
    ['Russia', '俄罗斯', 'market-russia'],
    ['Cambodia', '柬埔寨', 'rcep-cambodia'],
    ['Laos', '老挝', 'rcep-laos'],
    ['Brunei', '文莱', 'rcep-brunei'],
  ])('explains customs recordal in %s from its note, in en and zh', async (en, zh, id) => {
    const english = await ask(`How do we record our trademark with customs in ${en}?`);
    expect(english.abstained).toBe(false);
    expect(english.citations[0]?.id).toBe(id);
    const chinese = await ask(`怎么在${zh}海关备案商标？`);
    expect(chinese.abstained).toBe(false);
    expect(chinese.citations[0]?.id).toBe(id);
  });

  it.each([
    ['What is the trademark opposition period in Argentina?', 'Argentina', 'en'],
    ['How do we record our trademark with customs in Nigeria?', 'Nigeria', 'en'],
    ['Kazakhstan patent filing deadline?', 'Kazakhstan', 'en'],
    ['阿根廷的商标异议期是多久？', '阿根廷', 'zh'],
    ['尼日利亚海关怎么备案商标？', '尼日利亚', 'zh'],
    ['在哈萨克斯坦申请专利有什么期限？', '哈萨克斯坦', 'zh'],
  ])(
    "declines %j with the markets it does cover, in the question's language",
    async (question, market, lang) => {
      const result = await ask(question);
      expect(result.abstained).toBe(true);
      expect(result.lang).toBe(lang);
      expect(result.answer).toContain(market);
      expect(result.answer).toContain(lang === 'zh' ? '英国' : 'United Kingdom');
      expect(result.suggestAssistance).toBe(true);
    },
  );

  it("gives Vietnam's opposition period as 3 months since 1 April 2026, never 5", async () => {
    for (const question of [
      'What is the trademark opposition period in Vietnam?',
      '越南商标异议期是多久？',
    ]) {
      const result = await ask(question);
      expect(result.answer).toMatch(/3 months|3个月/u);
      expect(result.answer).toMatch(/2026/u);
      // The answer leads with 3 months; the old 5 months may follow only as what changed.
      const lead = result.answer.split(/[；;。]|\. /u)[0] ?? '';
      expect(lead).toMatch(/3 months|3个月/u);
      expect(lead).not.toMatch(/5 months|5个月/u);
    }
  });
  it('answers a terse follow-up about extending the period from the market asked before', async () => {
    for (const [first, then, figure] of [
      ['英国商标异议期多久', '能延长吗', /TM7A/u],
      ['How long is the trade mark opposition period in the UK?', 'Can it be extended?', /TM7A/u],
    ] as const) {
      const sessionId = `extend-${first.length}`;
      await core.assistant.ask({ text: first, sessionId });
      const reply = await core.assistant.ask({ text: then, sessionId });
      expect(reply.answer).toMatch(figure);
      expect(reply.citations[0]?.id).toBe('market-united-kingdom');
    }
  });
});
