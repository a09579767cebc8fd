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
  '诈骗',
  '詐騙',
  '深度偽造',
  '自我複製',
  '失控',
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

describe(classifyIncident.name, () => {
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

  it('gives phrase evidence that slices back out of the original field, sorted and without overlaps', () => {
    fc.assert(
      fc.property(classifierInput, (input) => {
        const result = classifyIncident(input);

        for (const axis of AXES) {
          const phrases = result[axis].evidence.flatMap((evidence) => (evidence.kind === 'phrase' ? [evidence] : []));
          for (const evidence of phrases) {
            expect(input[evidence.field]?.slice(evidence.start, evidence.end)).toBe(evidence.text);
            expect(evidence.end).toBeGreaterThan(evidence.start);
          }
          for (let index = 1; index < phrases.length; index += 1) {
            const previous = phrases[index - 1];
            const current = phrases[index];
            if (previous === undefined || current === undefined || previous.field !== current.field) continue;
            expect(current.start).toBeGreaterThanOrEqual(previous.end);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
