import { describe, expect, it } from '@jest/globals';

import type { FieldEvidence } from './classification.js';
import { decideAxis } from './decide-axis.js';
import { MECHANISMS } from './vocabulary.js';

function vote(overrides: Partial<FieldEvidence> = {}): FieldEvidence {
  return { kind: 'field', field: 'sector', value: 'other', supports: 'misuse', weight: 1, ...overrides };
}

describe(decideAxis.name, () => {
  it('picks the leading label and derives the confidence from share and strength', () => {
    const result = decideAxis(MECHANISMS, [vote({ weight: 3 })]);

    expect(result.label).toBe('misuse');
    expect(result.confidence).toBeCloseTo(1 - Math.exp(-3 / 2.5), 3);
  });

  it('lowers the confidence when the other label has evidence too', () => {
    const alone = decideAxis(MECHANISMS, [vote({ weight: 4 })]);
    const contested = decideAxis(MECHANISMS, [vote({ weight: 4 }), vote({ supports: 'loss_of_control', weight: 2 })]);

    expect(contested.label).toBe('misuse');
    expect(contested.confidence).toBeLessThan(alone.confidence);
  });

  it('stays undetermined below the minimum score or the margin', () => {
    expect(decideAxis(MECHANISMS, [vote({ weight: 1 })]).label).toBe('undetermined');
    expect(decideAxis(MECHANISMS, [vote({ weight: 3 }), vote({ supports: 'loss_of_control', weight: 2.5 })])).toMatchObject({
      label: 'undetermined',
      confidence: 0,
    });
    expect(decideAxis(MECHANISMS, []).label).toBe('undetermined');
  });

  it('applies a per-label minimum score', () => {
    expect(decideAxis(MECHANISMS, [vote({ weight: 2 })], { misuse: 3 }).label).toBe('undetermined');
  });
});
