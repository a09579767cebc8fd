import { describe, expect, it } from '@jest/globals';
import type { IncidentClassification } from '@app/taxonomy';
import { applyReview } from './labels-in-force.js';
import { reviewReasons } from './review-rules.js';

const classification = (overrides: Partial<IncidentClassification> = {}): IncidentClassification => ({
  classifierVersion: '0.2.0',
  mechanism: { label: 'misuse', confidence: 0.9, evidence: [] },
  magnitude: { label: 'general', confidence: 0.8, evidence: [] },
  source: { label: 'enabled', confidence: 0.7, evidence: [] },
  disagreements: [],
  ...overrides,
});

describe(reviewReasons.name, () => {
  it('finds nothing when every axis is determined above the threshold and the filer agrees', () => {
    expect(reviewReasons(classification(), 0.6)).toEqual([]);
  });

  it('names undetermined axes, axes below the threshold and disagreements', () => {
    const sut = classification({
      mechanism: { label: 'undetermined', confidence: 0, evidence: [] },
      source: { label: 'system', confidence: 0.59, evidence: [] },
      disagreements: ['magnitude'],
    });
    expect(reviewReasons(sut, 0.6)).toEqual([
      { axis: 'mechanism', reason: 'undetermined' },
      { axis: 'magnitude', reason: 'disagreement' },
      { axis: 'source', reason: 'low_confidence' },
    ]);
  });

  it('treats a confidence equal to the threshold as enough', () => {
    expect(reviewReasons(classification({ source: { label: 'system', confidence: 0.6, evidence: [] } }), 0.6)).toEqual([]);
  });
});

describe(applyReview.name, () => {
  const reviewedAt = new Date('2026-01-02T03:04:05.000Z');

  it('returns the machine result unchanged without decisions', () => {
    const machine = classification();
    expect(applyReview(machine, [])).toBe(machine);
  });

  it('overlays reviewed labels with confidence 1, keeps the evidence and records what the machine said', () => {
    const evidence = [{ kind: 'field' as const, field: 'sector', value: 'military', supports: 'misuse', weight: 1 }];
    const machine = classification({ mechanism: { label: 'misuse', confidence: 0.4, evidence } });
    const sut = applyReview(machine, [{ axis: 'mechanism', toLabel: 'loss_of_control', reviewNumber: 2, reviewedAt }]);
    expect(sut.mechanism).toEqual({ label: 'loss_of_control', confidence: 1, evidence });
    expect(sut.magnitude).toBe(machine.magnitude);
    expect(sut.review).toEqual({
      reviewNumber: 2,
      machineClassifierVersion: '0.2.0',
      axes: {
        mechanism: { label: 'loss_of_control', machineLabel: 'misuse', machineConfidence: 0.4, reviewNumber: 2, reviewedAt: reviewedAt.toISOString() },
      },
    });
    expect(machine.mechanism.label).toBe('misuse');
  });
});
