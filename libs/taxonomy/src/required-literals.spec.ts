import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { mayMatch, requiredLiterals } from './required-literals.js';

describe(requiredLiterals.name, () => {
  it('reads the words of a required top-level alternation, cut at the first special character', () => {
    expect(requiredLiterals(/(?<![\w.])(\d+)\s(?:killed|dead|hospitali[sz]ed|lives lost)/gu)).toEqual([['killed', 'dead', 'hospitali', 'lives lost']]);
    expect(requiredLiterals(/(\d+|数十)\s?(?:人|名)[^，。]{0,4}(?:死亡|遇难)/gu)).toEqual([
      ['人', '名'],
      ['死亡', '遇难'],
    ]);
    expect(requiredLiterals(/(us\$|hk\$)\d/u)).toEqual([['us', 'hk']]);
  });

  it('requires nothing it cannot prove: optional groups, lookarounds, a top-level |, optional characters, the i flag', () => {
    expect(requiredLiterals(/(?:killed|dead)?\d/u)).toEqual([]);
    expect(requiredLiterals(/(?:killed|dead){0,2}\d/u)).toEqual([]);
    expect(requiredLiterals(/(?=killed)\w+/u)).toEqual([]);
    expect(requiredLiterals(/(?<word>killed)/u)).toEqual([]);
    expect(requiredLiterals(/(?:killed)|dead/u)).toEqual([]);
    expect(requiredLiterals(/(?:a?b|c)/u)).toEqual([]);
    expect(requiredLiterals(/(?:killed|dead)/iu)).toEqual([]);
    expect(requiredLiterals(/(?:deaths?|died)/u)).toEqual([['death', 'died']]);
    expect(requiredLiterals(/(?:a[)|]b|c)/u)).toEqual([['a', 'c']]);
  });

  it('never skips a text the pattern matches', () => {
    const patterns = [/(\d+|one)\s(?:people\s)?(?:killed|dead|deaths?)/gu, /(?:killed|killing at least)\s(\d+)/gu, /(\d+)\s?(?:人|名)(?:死亡|受伤)/gu, /(\d+)\s?(万|亿)?\s?(美元|元)/gu];
    const text = fc.array(fc.constantFrom('1', '12', 'one', ' ', 'people', 'killed', 'killing at least', 'dead', 'death', 'deaths', '人', '名', '死亡', '万', '元', '美元', 'x'), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (sample) => {
        for (const pattern of patterns) {
          if (new RegExp(pattern.source, pattern.flags).test(sample)) expect(mayMatch(sample, requiredLiterals(pattern))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
