import { AXES, type Axis, type IncidentClassification } from '@app/taxonomy';

/** One axis's reviewed label in force, with what the machine says for comparison. */
export interface AxisReview {
  label: string;
  machineLabel: string;
  machineConfidence: number;
  /** The review that set this axis last, and when. */
  reviewNumber: number;
  reviewedAt: string;
}

/**
 * What a review changed, as stored in the result and sent to partners: no reviewer identity or reasons (those stay
 * in `classification_overrides`, shown by GET /incidents/{id}).
 */
export interface ClassificationReview {
  reviewNumber: number;
  machineClassifierVersion: string;
  axes: Partial<Record<Axis, AxisReview>>;
}

/** A classification whose reviewed axes carry the analyst's label; `review` says which and what the machine said. */
export type ReviewedClassification = IncidentClassification & { review?: ClassificationReview };

/** The newest decision on one axis (from `classification_overrides`). */
export interface AxisDecision {
  axis: Axis;
  toLabel: string;
  /** The machine's label on the axis when the analyst decided (review-rules.ts pendingAxes compares it). */
  machineLabel: string;
  reviewNumber: number;
  reviewedAt: Date;
}

/**
 * Overlays the reviewed labels on a machine result: each reviewed axis gets the analyst's label with confidence 1
 * (a person decided) and keeps the machine's evidence; `review` records the machine label and confidence.
 * Axes without a decision keep the machine result. `decisions` holds at most one (the newest) per axis.
 */
export function applyReview(machine: IncidentClassification, decisions: readonly AxisDecision[]): ReviewedClassification {
  if (decisions.length === 0) return machine;
  const reviewed: ReviewedClassification = { ...machine };
  const axes: Partial<Record<Axis, AxisReview>> = {};
  for (const axis of AXES) {
    const decision = decisions.find((candidate) => candidate.axis === axis);
    if (!decision) continue;
    const result = machine[axis];
    axes[axis] = {
      label: decision.toLabel,
      machineLabel: result.label,
      machineConfidence: result.confidence,
      reviewNumber: decision.reviewNumber,
      reviewedAt: decision.reviewedAt.toISOString(),
    };
    Object.assign(reviewed, { [axis]: { ...result, label: decision.toLabel, confidence: 1 } });
  }
  reviewed.review = {
    reviewNumber: Math.max(...decisions.map((decision) => decision.reviewNumber)),
    machineClassifierVersion: machine.classifierVersion,
    axes,
  };
  return reviewed;
}
