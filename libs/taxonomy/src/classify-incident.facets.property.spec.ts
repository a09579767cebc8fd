import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import type { ClassifierInput, CompleteIncidentClassification, Evidence } from './classification.js';
import { classifyIncident } from './classify-incident.js';
import { AXES, HARM_TYPES, RED_LINE_FLAGS, SECTORS } from './vocabulary.js';

// Facet cues in several spellings, so that generated texts reach every new output.
const fragments = fc.constantFrom(
  'killed three people',
  'KILLED 2 PEOPLE',
  '3 people were injured',
  '造成三人死亡',
  '造成兩人死亡',
  '$1.5 million',
  '€220,000',
  '220萬元',
  'lost money to a scam',
  'escaped its sandbox',
  'self-replicating',
  'bioweapon',
  'autonomous agent hacked',
  'researchers found it could',
  'thousands of families',
  'falsely accused',
  'power grid',
  'deepfake',
  '深度偽造',
  '隱私',
  'training data',
  'went viral',
  ' \n ',
  '\u200b',
  '\ud800',
  '😀',
);
const text = fc
  .array(fc.oneof(fragments, fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 25 })
  .map((parts) => parts.join(' '));
const asciiText = fc.array(fc.oneof(fragments.filter((item) => /^[\x20-\x7e]*$/.test(item)), fc.string({ maxLength: 6 })), { maxLength: 25 }).map((parts) => parts.join(' '));
const label = fc.constantFrom('loss_of_control', 'misuse', 'existential', 'general', 'system', 'enabled', 'undetermined', 'other');
const input: fc.Arbitrary<ClassifierInput> = fc.record(
  {
    title: text,
    description: text,
    harmDescription: text,
    sector: fc.constantFrom(...SECTORS),
    proposedLabels: fc.record({ mechanism: label, magnitude: label, source: label }, { requiredKeys: [] }),
  },
  { requiredKeys: ['title', 'description'] },
);

function phraseEvidence(result: CompleteIncidentClassification): Evidence[] {
  return [
    ...result.harmTypes.flatMap((item) => item.evidence),
    ...result.redLineFlags.flatMap((item) => item.evidence),
    ...result.severity.evidence,
    ...result.oecd.evidence,
    ...result.sector.evidence,
    ...result.lifecycleStage.evidence,
    ...result.euAiAct.evidence,
  ];
}

function facetLabels(result: CompleteIncidentClassification): unknown {
  return {
    harmTypes: result.harmTypes.map((item) => item.type),
    redLines: result.redLineFlags.map((item) => item.flag),
    severity: [result.severity.label, result.severity.deaths, result.severity.injuries, result.severity.financialLossUsd],
    urgency: result.urgency,
    oecd: result.oecd.label,
    sector: result.sector.label,
    stage: [result.lifecycleStage.paper, result.lifecycleStage.nist],
    euAiAct: [result.euAiAct.category, result.euAiAct.deadlineDays],
  };
}

const toFullWidth = (value: string): string => value.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

describe(`${classifyIncident.name} 0.2.0 outputs`, () => {
  it('keep their invariants: vocabulary order, urgency rule, Art. 73 deadlines, disagreements', () => {
    fc.assert(
      fc.property(input, (sample) => {
        const result = classifyIncident(sample);

        expect(result.harmTypes.map((item) => item.type)).toEqual(HARM_TYPES.filter((type) => result.harmTypes.some((item) => item.type === type)));
        expect(result.redLineFlags.map((item) => item.flag)).toEqual(RED_LINE_FLAGS.filter((flag) => result.redLineFlags.some((item) => item.flag === flag)));
        const flash = result.redLineFlags.length > 0 || result.magnitude.label === 'existential';
        const priority = ['severe', 'critical'].includes(result.severity.label) || (result.severity.deaths ?? 0) > 0;
        expect(result.urgency.label).toBe(flash ? 'flash' : priority ? 'priority' : 'routine');
        expect([null, 2, 10, 15]).toContain(result.euAiAct.deadlineDays);
        expect(result.euAiAct.category === null).toBe(result.euAiAct.deadlineDays === null);
        if (result.oecd.label === 'hazard') expect(result.euAiAct.category).toBeNull();
        if (result.euAiAct.deadlineDays === 10) expect(result.severity.deaths).toBeGreaterThan(0);
        if (sample.sector !== undefined) expect(result.sector).toMatchObject({ label: sample.sector, source: 'filer' });
        for (const axis of result.disagreements) {
          expect(result.proposedLabels[axis]).not.toBe(result[axis].label);
          expect(result[axis].label).not.toBe('undetermined');
        }
        expect(AXES.filter((axis) => result.disagreements.includes(axis))).toEqual(result.disagreements);
      }),
      { numRuns: 300 },
    );
  });

  it('give phrase evidence that slices back out of the original field', () => {
    fc.assert(
      fc.property(input, (sample) => {
        for (const evidence of phraseEvidence(classifyIncident(sample))) {
          if (evidence.kind !== 'phrase') continue;
          expect(sample[evidence.field]?.slice(evidence.start, evidence.end)).toBe(evidence.text);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('are deterministic and JSON-stable', () => {
    fc.assert(
      fc.property(input, (sample) => {
        const first = classifyIncident(sample);
        expect(classifyIncident(structuredClone(sample))).toEqual(first);
        expect(JSON.parse(JSON.stringify(first))).toEqual(first);
      }),
      { numRuns: 150 },
    );
  });

  it('do not change with case, width or extra white space', () => {
    fc.assert(
      fc.property(asciiText, (sample) => {
        const expected = facetLabels(classifyIncident({ title: '', description: sample }));
        for (const variant of [sample.toUpperCase(), toFullWidth(sample), sample.replace(/ /g, ' \n\t ')]) {
          expect(facetLabels(classifyIncident({ title: '', description: variant }))).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('do not change between Traditional and Simplified Chinese lexicon terms', () => {
    const simplified = classifyIncident({ title: '深度伪造诈骗造成损失', description: '诈骗分子利用深度伪造视频冒充高管，泄露隐私，造成三人受伤。' });
    const traditional = classifyIncident({ title: '深度偽造詐騙造成損失', description: '詐騙分子利用深度偽造視頻冒充高管，洩露隱私，造成三人受傷。' });

    expect(facetLabels(traditional)).toEqual(facetLabels(simplified));
  });
});
