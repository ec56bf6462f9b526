import { describe, expect, it } from 'vitest';
import { detectLang } from '../../src/text/lang.ts';
import { splitSentences } from '../../src/text/sentences.ts';

describe('splitSentences', () => {
  it('keeps abbreviations and article numbers inside their sentence', () => {
    expect(
      splitSentences(
        'Under Art. 23 of Reg. No. 608/2013 the holder acts. The U.S. rule differs, e.g. in 19 C.F.R. 210.13. Done!',
      ),
    ).toEqual([
      'Under Art. 23 of Reg. No. 608/2013 the holder acts.',
      'The U.S. rule differs, e.g. in 19 C.F.R. 210.13.',
      'Done!',
    ]);
  });

  it('keeps an English semicolon inside its sentence', () => {
    expect(
      splitSentences('The ITC cannot award money damages; its remedies are exclusion orders. Next one.'),
    ).toEqual(['The ITC cannot award money damages; its remedies are exclusion orders.', 'Next one.']);
  });

  it('splits Chinese at full stops, question marks and semicolons', () => {
    expect(splitSentences('答辩期限为20天。可以延期吗?通常不可以;请尽快行动!')).toEqual([
      '答辩期限为20天。',
      '可以延期吗?',
      '通常不可以;',
      '请尽快行动!',
    ]);
  });
});

describe('detectLang', () => {
  it('treats mixed questions with Chinese as Chinese', () => {
    expect(detectLang('Section 337 的答辩期限是多久?')).toBe('zh');
    expect(detectLang('What is the 337 deadline?')).toBe('en');
    expect(detectLang('🙂🙂')).toBe('en');
  });
});
