import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createQuestionKinds, kindsFileSchema, type QuestionKinds } from '../../src/answer/question-kinds.ts';

describe('question kinds (knowledge/data/question-kinds.yaml)', () => {
  let kinds: QuestionKinds;
  beforeAll(async () => {
    const raw = parse(
      await readFile(new URL('../../knowledge/data/question-kinds.yaml', import.meta.url), 'utf8'),
    );
    kinds = createQuestionKinds(kindsFileSchema.parse(raw));
  });

  it.each([
    ['How long do we have to answer?', 'deadline'],
    ['答辩期限是多久？', 'deadline'],
    ['What should we do first?', 'steps'],
    ['亚马逊冻结了咋整', 'steps'],
    ['How much does a UDRP case cost?', 'cost'],
    ['What is a Schedule A case?', 'definition'],
    ['如果不理会会怎样？', 'consequence'],
    ['Can we get a few extra days?', 'extension'],
    ['What documents should we keep?', 'evidence'],
    ['谁能帮我们？', 'help'],
    ['How many guidance centres are there?', 'count'],
    ['专利年费没交，还能恢复吗？', 'restoration'],
  ])('reads %j as asking for %s', (question, kind) => {
    expect(kinds.kindsOf(question)).toContain(kind);
  });

  it('does not read a lawyer or a proof in the story as asking for one', () => {
    expect(kinds.kindsOf('美国律师寄来一份文件，多久之内要答辩？')).not.toContain('help');
    expect(kinds.kindsOf('如果禁令后来证明是错的，能要求赔偿吗？')).not.toContain('evidence');
  });

  it('reads "how many days" as a deadline, "how much time" not as a price, and "which year" as a year', () => {
    expect(kinds.kindsOf('How many days do we have?')).toEqual(['deadline']);
    expect(kinds.kindsOf('how much time do we get?')).not.toContain('cost');
    expect(kinds.kindsOf('Which year was that law passed?')).toContain('year');
  });

  it('knows an amount by a figure beside a currency, a share or "free"; "fees" alone is not one', () => {
    for (const text of [
      'It costs EUR 850.',
      'CBP charges $190 per class.',
      '费用为每件190美元',
      '要价超过一千万欧元',
      'a 25% reduction',
      'free of charge',
    ])
      expect(kinds.answerFits('cost', text, 0)).toBe(true);
    for (const text of [
      'Answer within 2 months, on payment of official fees.',
      '5 rubber ducks',
      '依据第24条',
    ])
      expect(kinds.answerFits('cost', text, 0)).toBe(false);
  });

  it('knows a count answer by its figure, and a year is not one', () => {
    expect(kinds.answerFits('count', 'There are 99 centres.', 0)).toBe(true);
    expect(kinds.answerFits('count', 'The center opened in 2019.', 0)).toBe(false);
  });

  it('knows a whole-message greeting or request for help, and nothing longer', () => {
    for (const text of ['hi', 'Hello!', 'help', '你好！', '帮助']) expect(kinds.isGreeting(text)).toBe(true);
    expect(kinds.isGreeting('hi, how long is the 337 response period?')).toBe(false);
  });

  it('matches English cues as whole words only', () => {
    // "extend" must not fire inside "extended family"; "fee" not inside "feel".
    expect(kinds.kindsOf('I feel fine')).not.toContain('cost');
  });

  it('tells an active dispute from a general question, in both languages', () => {
    expect(kinds.describesActiveDispute('Our Amazon account was frozen in a Schedule A case')).toBe(true);
    expect(kinds.describesActiveDispute('我们的货被汉堡海关扣了')).toBe(true);
    expect(kinds.describesActiveDispute('How long is the EU customs deadline?')).toBe(false);
  });

  it('finds market-bound topics and IP vocabulary', () => {
    expect(kinds.topicsOf('we were sued in a German court')).toContain('litigation');
    expect(kinds.topicsOf('海关扣货')).toContain('customs');
    expect(kinds.hasDomainWords('trademark squatting')).toBe(true);
    expect(kinds.hasDomainWords('recipe for dumplings')).toBe(false);
  });

  it('names online marketplaces, and naming one is about e-commerce', () => {
    expect(kinds.platformsOf('Coupang上被投诉了')).toEqual(['coupang']);
    expect(kinds.platformsOf('our eBay VeRO notice')).toEqual(['ebay']);
    expect(kinds.topicsOf('Our Zalando listing was removed')).toContain('e-commerce');
    expect(kinds.platformName('ebay')).toBe('eBay');
  });

  it('recognises follow-ups by opener, Chinese tail and pronoun', () => {
    expect(kinds.followUp.opener('And in Japan?')).toBe(true);
    expect(kinds.followUp.tail('那韩国呢？')).toBe(true);
    expect(kinds.followUp.pronoun('Can it be extended?')).toBe(true);
  });

  it('finds the words after a comparison, where a compared market is named', () => {
    expect(kinds.compared('Can we do it there like the German courts allow?').join(' ')).toContain('german');
    expect(kinds.compared('能不能像德国那样提交保护函？').join(' ')).toContain('德国');
    expect(kinds.compared('We would like to sell in Germany')).not.toContainEqual(
      expect.stringContaining('germany'),
    );
  });
});
