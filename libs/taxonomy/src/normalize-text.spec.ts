import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { FACET_LEXICON } from './facet-lexicon.js';
import { INCIDENT_LEXICON } from './incident-lexicon.js';
import { normalizeText, toSourceRange } from './normalize-text.js';
import { SIMPLIFIED_TARGETS, TRADITIONAL_TO_SIMPLIFIED } from './traditional-chinese.js';

/** Strings mixing code units the normaliser must survive: lone surrogates, marks, emoji, controls, CJK. */
const awkwardText = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
    fc.constantFrom('\ud800', '\udfff', '\u0301', '\u200b', '\u00ad', '\ufeff', '\u0000', '\r\n', '😀', '👩‍💻', 'ﬁ', 'Ａ', '濫', 'İ'),
    fc.string({ unit: 'grapheme', maxLength: 3 }),
  ),
  maxLength: 200,
});

describe(normalizeText.name, () => {
  it('folds full-width forms, case and white space', () => {
    expect(normalizeText('ＤＥＥＰＦＡＫＥ\u3000Scam \n\t 诈骗').text).toBe('deepfake scam 诈骗');
  });

  it('maps the traditional characters of lexicon terms to simplified ones', () => {
    expect(normalizeText('深度偽造 詐騙 濫用 網絡攻擊 自我複製 規避關閉 錯誤 幻覺').text).toBe(
      '深度伪造 诈骗 滥用 网络攻击 自我复制 规避关闭 错误 幻觉',
    );
  });

  it('drops format characters and folds typographic quotes and dashes', () => {
    expect(normalizeText('mal\u00adfunc\u200btion — “AI’s”').text).toBe('malfunction - "ai\'s"');
  });

  it('composes a base letter with its combining marks', () => {
    expect(normalizeText('Cafe\u0301').text).toBe('café');
  });

  it('maps every normalised range back to the original text it came from', () => {
    const original = '  ＡＩ\u3000\u3000Deep\u00adfake!';
    const normalized = normalizeText(original);
    const start = normalized.text.indexOf('deepfake');

    const [sourceStart, sourceEnd] = toSourceRange(normalized, start, start + 'deepfake'.length);

    expect(original.slice(sourceStart, sourceEnd)).toBe('Deep\u00adfake');
  });

  it('turns lone surrogates into spaces and keeps astral characters whole', () => {
    const normalized = normalizeText('a\ud800b😀c');

    expect(normalized.text).toBe('a b😀c');
    expect(toSourceRange(normalized, 3, 5)).toEqual([3, 5]);
  });

  it('handles 20,000 characters of combining marks in linear time', () => {
    const started = Date.now();

    const normalized = normalizeText(`a${'\u0301'.repeat(20_000)}`);

    expect(normalized.sourceEnd.at(-1)).toBe(20_001);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('never throws and keeps the offset map consistent on any string', () => {
    fc.assert(
      fc.property(awkwardText, (original) => {
        const normalized = normalizeText(original);

        expect(normalized.sourceStart).toHaveLength(normalized.text.length);
        expect(normalized.sourceEnd).toHaveLength(normalized.text.length);
        for (let index = 0; index < normalized.text.length; index += 1) {
          const start = normalized.sourceStart[index] ?? -1;
          const end = normalized.sourceEnd[index] ?? -1;
          expect(start).toBeGreaterThanOrEqual(index === 0 ? 0 : (normalized.sourceStart[index - 1] ?? 0));
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(original.length);
        }
        expect(normalizeText(original)).toEqual(normalized);
      }),
    );
  });
});

describe('TRADITIONAL_TO_SIMPLIFIED', () => {
  const lexiconCharacters = new Set([...INCIDENT_LEXICON, ...FACET_LEXICON].flatMap((entry) => entry.terms.flatMap((term) => [...term])));

  it('only produces characters that some lexicon term uses', () => {
    for (const simplified of SIMPLIFIED_TARGETS) expect(lexiconCharacters).toContain(simplified);
  });

  it('maps single code points to single code points', () => {
    for (const [traditional, simplified] of TRADITIONAL_TO_SIMPLIFIED) {
      expect([...traditional]).toHaveLength(1);
      expect([...simplified]).toHaveLength(1);
      expect(traditional).not.toBe(simplified);
    }
  });

  it('includes the variants named in the design brief', () => {
    const pairs = '濫滥 險险 詐诈 騙骗 偽伪 駕驾 駛驶 擊击 復复 製制 監监 視视 無无 誤误 錯错 網网 絡络 軍军 隱隐 覺觉';

    for (const pair of pairs.split(' ')) {
      const [traditional = '', simplified = ''] = [...pair];
      if (lexiconCharacters.has(simplified)) expect(TRADITIONAL_TO_SIMPLIFIED.get(traditional)).toBe(simplified);
    }
  });
});
