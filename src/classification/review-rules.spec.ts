import { describe, expect, it } from '@jest/globals';
import type { IncidentClassification } from '@app/taxonomy';
import { applyReview } from './labels-in-force.js';
import { pendingAxes, reviewReasons } from './review-rules.js';

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
    const sut = applyReview(machine, [{ axis: 'mechanism', toLabel: 'loss_of_control', machineLabel: 'misuse', reviewNumber: 2, reviewedAt }]);
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

describe(pendingAxes.name, () => {
  const vague = classification({
    mechanism: { label: 'undetermined', confidence: 0, evidence: [] },
    magnitude: { label: 'general', confidence: 0.8, evidence: [] },
    source: { label: 'system', confidence: 0.4, evidence: [] },
  });

  it('lists every unreviewed axis that needs a person, with its reasons', () => {
    expect(pendingAxes(vague, [], 0.6)).toEqual([
      { axis: 'mechanism', reasons: ['undetermined'] },
      { axis: 'source', reasons: ['low_confidence'] },
    ]);
  });

  it('keeps the axes a partial review left open, and clears them once each is decided', () => {
    const mechanismOnly = [{ axis: 'mechanism' as const, toLabel: 'misuse', machineLabel: 'undetermined' }];
    expect(pendingAxes(vague, mechanismOnly, 0.6)).toEqual([{ axis: 'source', reasons: ['low_confidence'] }]);
    const both = [...mechanismOnly, { axis: 'source' as const, toLabel: 'system', machineLabel: 'system' }];
    expect(pendingAxes(vague, both, 0.6)).toEqual([]);
  });

  it('re-opens a reviewed axis whose machine label changed to neither the label seen nor the reviewed one', () => {
    const decisions = [
      { axis: 'mechanism' as const, toLabel: 'misuse', machineLabel: 'undetermined' },
      { axis: 'source' as const, toLabel: 'enabled', machineLabel: 'system' },
    ];
    const amended = classification({
      mechanism: { label: 'loss_of_control', confidence: 0.9, evidence: [] },
      source: { label: 'enabled', confidence: 0.9, evidence: [] },
    });
    expect(pendingAxes(amended, decisions, 0.6)).toEqual([{ axis: 'mechanism', reasons: ['machine_changed'] }]);
  });

  it('keeps a reviewed axis decided when only the machine’s confidence changed', () => {
    const decisions = [{ axis: 'source' as const, toLabel: 'enabled', machineLabel: 'system' }];
    const sut = classification({ source: { label: 'system', confidence: 0.1, evidence: [] } });
    expect(pendingAxes(sut, decisions, 0.6)).toEqual([]);
  });
});
