import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import type { ClassifierInput } from './classification.js';
import { classifyIncident } from './classify-incident.js';
import { AXES, SECTORS } from './vocabulary.js';

// Lexicon fragments in several spellings, so generated texts actually hit the matcher and the offset map.
const fragments = fc.constantFrom(
  'deepfake',
  'ＤＥＥＰＦＡＫＥ',
  'Hallucinated',
  'self-replicating',
  'escaped its sandbox',
  'used AI to',
  'failed to detect',
  // 0.4.0 entries
  'despite repeated commands to stop',
  'bypassed its stated safeguards',
  'improvised explosive devices',
  'went rogue',
  'Navigates Motorists into',
  '停止指令',
  '失控模型',
  '無視安全機制',
  '诈骗',
  '詐騙',
  '深度偽造',
  '自我複製',
  '失控',
  // 0.8.0: fiction frames, refusals, jailbreak wordings and dangerous instructions
  'Videogame AI ',
  'in the film, ',
  '游戏中的',
  'refused to provide ',
  '拒绝提供',
  'jailbroke',
  '绕过安全限制',
  'napalm recipe',
  'voice actor',
  ' \n\t ',
  '\u00ad',
  '\u200b',
  '\u0301',
  '\ud800',
  '\udc00',
  '😀',
  '👩‍💻',
);

const text = fc.array(fc.oneof(fragments, fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ maxLength: 8 })), {
  maxLength: 40,
}).map((parts) => parts.join(''));

const classifierInput: fc.Arbitrary<ClassifierInput> = fc.record(
  {
    title: text,
    description: text,
    harmDescription: text,
    language: fc.constantFrom('en' as const, 'zh' as const),
    sector: fc.constantFrom(...SECTORS),
    aiSystemName: fc.string({ maxLength: 20 }),
  },
  { requiredKeys: ['title', 'description'] },
);

// Chinese lexicon phrases (0.3.0 and 0.4.0 terms) with their Traditional forms (OpenCC cn→tw, character for character).
const CHINESE_PAIRS: readonly (readonly [simplified: string, traditional: string])[] = [
  ['诈骗分子', '詐騙分子'],
  ['自我复制', '自我複製'],
  ['深度伪造', '深度偽造'],
  ['停止命令', '停止命令'],
  ['无视安全机制', '無視安全機制'],
  ['失控模型', '失控模型'],
  ['遏制失效', '遏制失效'],
  ['负责任扩展政策', '負責任擴展政策'],
  ['自主网络攻击能力', '自主網絡攻擊能力'],
  ['未经授权访问', '未經授權訪問'],
  ['爆炸装置', '爆炸裝置'],
  ['误删', '誤刪'],
  ['导航', '導航'],
];
const ASCII_PHRASES = ['commands to stop', 'despite its safeguards', 'pipe bombs', 'went rogue', 'navigation app', 'robot killed', 'unlawful', 'AI-altered'];

/** Parallel texts: the same parts with Chinese phrases in Simplified and in Traditional form. */
const parallelChinese = fc
  .array(fc.oneof(fc.nat({ max: CHINESE_PAIRS.length - 1 }), fc.string({ maxLength: 6 }).filter((part) => !/\p{Script=Han}/u.test(part))), { maxLength: 20 })
  .map((parts) => {
    const pick = (part: number | string, index: 0 | 1): string => (typeof part === 'number' ? (CHINESE_PAIRS[part]?.[index] ?? '') : part);
    return { simplified: parts.map((part) => pick(part, 0)).join(''), traditional: parts.map((part) => pick(part, 1)).join('') };
  });
const asciiWithPhrases = fc
  .array(fc.oneof(fc.constantFrom(...ASCII_PHRASES), fc.string({ maxLength: 6 }).filter((part) => /^[\x20-\x7e]*$/.test(part))), { maxLength: 20 })
  .map((parts) => parts.join(' '));

const axisResults = (input: ClassifierInput): unknown =>
  AXES.map((axis) => {
    const result = classifyIncident(input)[axis];
    return [result.label, result.confidence];
  });
const toFullWidth = (value: string): string => value.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

describe(classifyIncident.name, () => {
  it('gives the same labels and confidences to Traditional and Simplified forms of the lexicon phrases', () => {
    fc.assert(
      fc.property(parallelChinese, ({ simplified, traditional }) => {
        expect(axisResults({ title: '', description: traditional })).toEqual(axisResults({ title: '', description: simplified }));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same labels and confidences regardless of case, width and extra white space', () => {
    fc.assert(
      fc.property(asciiWithPhrases, (sample) => {
        const expected = axisResults({ title: '', description: sample });
        for (const variant of [sample.toUpperCase(), toFullWidth(sample), sample.replace(/ /g, ' \n\t ')]) {
          expect(axisResults({ title: '', description: variant })).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });


  it('never throws and always returns labels with confidences in [0, 1]', () => {
    fc.assert(
      fc.property(classifierInput, (input) => {
        const result = classifyIncident(input);

        for (const axis of AXES) {
          expect(result[axis].confidence).toBeGreaterThanOrEqual(0);
          expect(result[axis].confidence).toBeLessThanOrEqual(1);
          if (result[axis].label === 'undetermined') expect(result[axis].confidence).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and JSON-stable', () => {
    fc.assert(
      fc.property(classifierInput, (input) => {
        const first = classifyIncident(input);
        const second = classifyIncident(structuredClone(input));

        expect(second).toEqual(first);
        expect(JSON.parse(JSON.stringify(first))).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('gives phrase evidence that slices back out of the original field; the lexicon\'s sorted and without overlaps', () => {
    fc.assert(
      fc.property(classifierInput, (input) => {
        const result = classifyIncident(input);

        for (const axis of AXES) {
          const phrases = result[axis].evidence.flatMap((evidence) => (evidence.kind === 'phrase' ? [evidence] : []));
          for (const evidence of phrases) {
            expect(input[evidence.field]?.slice(evidence.start, evidence.end)).toBe(evidence.text);
            expect(evidence.end).toBeGreaterThan(evidence.start);
          }
          // The statistical model's n-grams (term `model:…`, 0.8.0) may overlap lexicon matches; they follow them.
          const lexicon = phrases.filter((evidence) => !evidence.term.startsWith('model:'));
          for (let index = 1; index < lexicon.length; index += 1) {
            const previous = lexicon[index - 1];
            const current = lexicon[index];
            if (previous === undefined || current === undefined || previous.field !== current.field) continue;
            expect(current.start).toBeGreaterThanOrEqual(previous.end);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
