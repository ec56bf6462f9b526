import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedKnowledge, startCore } from '../helpers/fixture-core.ts';

/** A question that retells a case and then asks one thing about it gets the card that says that thing. */
describe('choosing among the cards of one case (shipped knowledge)', () => {
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    core = await startCore(shippedKnowledge);
  });
  afterAll(async () => {
    await core.close();
  });
  const lead = async (text: string) => {
    const reply = await core.assistant.ask({ text, explain: true });
    return { reply, card: reply.explanation?.cards[0]?.id };
  };

  it('answers the asked aspect, not the summary, when the story identifies the case', async () => {
    const { card } = await lead(
      'the Vietnam kitchenware squatting example, what evidence was in the opposition',
    );
    expect(card).toBe('case-vietnam-squatting-opposition-evidence');
  });

  it('states an amount written in words when asked how much', async () => {
    const { reply } = await lead(
      'In the HiSense trademark fight in Germany, what price did Bosch-Siemens want?',
    );
    expect(reply.abstained).toBe(false);
    expect(reply.answer).toMatch(/10 million euros/u);
  });

  it('answers "how long" with the period, not with a first-steps list', async () => {
    const { reply } = await lead(
      'Our pumps are being held by Belgian customs in Antwerp after a brand complaint. How long does the brand owner have to sue?',
    );
    expect(reply.answer).toMatch(/10 working days/u);
    const zh = await lead('我们出口的货被上海海关扣了，是权利人申请扣的，没人起诉的话最多扣多久？');
    expect(zh.reply.answer).toMatch(/20个工作日/u);
  });

  it('reads China beside a Madrid filing as the home of the basic mark, not the market asked about', async () => {
    const { reply } = await lead(
      'Our international registration under Madrid rests on our Chinese mark, and someone filed an opposition against that mark in China. Will the Madrid registration survive?',
    );
    expect(reply.abstained).toBe(false);
    expect(reply.answer).toMatch(/5 years/u);
  });
});
