import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedKnowledge, startCore } from '../helpers/fixture-core.ts';

/** What the knowledge does not cover is declined with the assistance offer, not answered from a neighbour. */
describe('declining what the knowledge does not cover (shipped knowledge)', () => {
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    core = await startCore(shippedKnowledge);
  });
  afterAll(async () => {
    await core.close();
  });
  const ask = (text: string, sessionId?: string) =>
    core.assistant.ask({ text, ...(sessionId ? { sessionId } : {}) });

  it.each([
    ['zh', 'Coupang上被韩国品牌投诉商标侵权，商品全下架了，平台申诉流程是什么？', /Coupang/u, /Amazon/u],
    [
      'en',
      'Our Zalando listings were removed after a brand complaint. How do we appeal on Zalando?',
      /Zalando/u,
      /Amazon/u,
    ],
  ])(
    'declines a marketplace no document speaks of (%s), naming those covered',
    async (_lang, text, asked, covered) => {
      const reply = await ask(text);
      expect(reply.abstained).toBe(true);
      expect(reply.suggestAssistance).toBe(true);
      expect(reply.answer).toMatch(asked);
      expect(reply.answer).toMatch(covered);
    },
  );

  it.each([
    [
      'en',
      'Our stand is booked for an expo in Lima, Peru. Is there a defence like the German protective letter we can lodge there?',
    ],
    ['zh', '我们要去秘鲁利马参展。能不能像德国那样提前提交保护函？有效期多久？'],
  ])(
    'declines a market it does not cover even when the question compares it with one it does (%s)',
    async (_lang, text) => {
      const reply = await ask(text);
      expect(reply.abstained).toBe(true);
      expect(reply.answer).toMatch(/Peru|秘鲁/u);
    },
  );

  it.each([
    ['en', 'We hold a US registration already; what is the opposition window in Uruguay?'],
    ['zh', '乌拉圭的商标公告后多久可以提异议？跟巴西一样吗？'],
    ['en', 'Is border enforcement in Kenya like in the EU, where the right holder has 10 working days?'],
  ])(
    'declines when a sentence that asks names an uncovered market beside a covered one (%s)',
    async (_lang, text) => {
      const reply = await ask(text);
      expect(reply.abstained).toBe(true);
    },
  );

  it('still answers about the covered market when that is the one asked about', async () => {
    const reply = await ask('We also sell in Peru. How long does a German protective letter stay on file?');
    expect(reply.abstained).toBe(false);
    expect(reply.answer).toContain('6 months');
  });

  it('declines requests to act for the user, however politely put', async () => {
    const reply = await ask(
      'Please file the trademark opposition with EUIPO and charge the fee from our account.',
    );
    expect(reply.abstained).toBe(true);
  });

  it('reads a bare "337" as the US procedure, typos and all', async () => {
    const reply = await ask('just got a 337 complaynt against our routers, how long to respnd?');
    expect(reply.abstained).toBe(false);
    expect(reply.citations[0]?.id).toMatch(/^us-337/u);
    expect(reply.answer).toContain('20');
  });

  it('answers an international system’s rule for the countries designated', async () => {
    const reply = await ask(
      'Our Madrid application designates Korea and Australia. How long do they have to refuse it?',
    );
    expect(reply.answer).toMatch(/12 months/u);
  });

  it('still answers about a marketplace the knowledge covers', async () => {
    const reply = await ask('How do we appeal an Amazon IP complaint that got our listing removed?');
    expect(reply.abstained).toBe(false);
    expect(reply.citations[0]?.id).toBe('ecommerce-platform-complaints');
  });

  it.each([
    [
      'en',
      'The EU opened an anti-dumping investigation into our steel fasteners. How do we fill in the questionnaire?',
    ],
    ['zh', '美国对我们的产品加征关税，301关税税率是多少？'],
    ['en', 'Tell me a joke about patent lawyers'],
    ['zh', '义乌两家公司在国内用同一个牌子，对方去市场监督管理局投诉我们，国内纠纷怎么处理？'],
    ['en', 'Will the judge in our Schedule A case lift the freeze at next week’s hearing?'],
    ['zh', '帮我查一下我们那个UDRP案子现在进展到哪一步了'],
    ['en', 'Draft an email to our Amazon buyers, then translate our patent claims into Spanish'],
    ['zh', '律所给我们的337报价太高，你能给我一个具体报价吗？'],
    ['en', 'Please file the EU trade mark application on our behalf and pay the fee from our account'],
    ['zh', '你觉得美国明年会不会取消Schedule A这种案子？'],
    ['en', 'Our buyer in Accra pays in cedis; how long is the trademark opposition period there?'],
  ])('declines a matter that is not overseas IP (%s): %s', async (_lang, text) => {
    const reply = await ask(text);
    expect(reply.abstained).toBe(true);
  });

  it('declines a follow-up that moves to a non-IP matter', async () => {
    await ask('How do we appeal an Amazon trademark complaint?', 'moves-to-vat');
    const reply = await ask('ok, and how do we file VAT returns for Amazon Europe?', 'moves-to-vat');
    expect(reply.abstained).toBe(true);
  });

  it('declines when the asking sentence points back to uncovered markets named before it', async () => {
    const reply = await ask(
      'We already filed in the US and Europe. Now a buyer wants stock in Chile and Ecuador. What is the trademark opposition period in those two countries?',
    );
    expect(reply.abstained).toBe(true);
  });

  it('still answers "how much time" as a period, not as a price', async () => {
    const reply = await ask('Section 337 response: how much time do we get after service?');
    expect(reply.abstained).toBe(false);
    expect(reply.answer).toMatch(/20 days/u);
  });

  it.each([
    ['en', 'Some brand put our shop in a Schedule A case in Chicago and PayPal froze 30k. What can we do?'],
    ['zh', '我们在亚马逊的店铺因为Schedule A被冻结了，怎么办？'],
    ['en', 'Amazon suspended our listings after a patent complaint from a competitor'],
    ['en', 'A US company sent us a cease-and-desist letter about our LED bulbs'],
    [
      'en',
      'We make ceramic tiles in Foshan. Last Tuesday our container arrived in Rotterdam and Dutch customs stopped it because a Spanish company says our pattern copies their registered design. The forwarder sent us a letter in Dutch and our buyer is angry. What should we do now?',
    ],
  ])('offers a human on an answer about a dispute under way (%s): %s', async (_lang, text) => {
    const reply = await ask(text);
    expect(reply.suggestAssistance).toBe(true);
  });

  it('does not offer a human on a general question', async () => {
    expect((await ask('How long is the trademark opposition period in Japan?')).suggestAssistance).toBe(
      false,
    );
  });

  it('offers a human, with the button, when it cannot answer an IP question', async () => {
    const reply = await ask('Our distributor in Argentina registered our brand. How do we oppose?');
    expect(reply.abstained).toBe(true);
    expect(reply.suggestAssistance).toBe(true);
    expect(reply.answer).toMatch(/request assistance/u);
  });
});
