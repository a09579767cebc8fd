import { AXES, UNDETERMINED, type Axis, type IncidentClassification } from '@app/taxonomy';

/** Why an incident needs a person to look at one axis. */
export interface ReviewReason {
  axis: Axis;
  reason: 'undetermined' | 'low_confidence' | 'disagreement';
}

/**
 * The reasons a machine classification needs review (issue 3): an axis is `undetermined`, or its confidence is
 * below `threshold` (REVIEW_CONFIDENCE_THRESHOLD, 0..1), or the filer proposed another label (`disagreements`).
 * Empty when none applies. The SQL filter of the review queue (list-pending-reviews.handler.ts) mirrors this rule.
 */
export function reviewReasons(classification: IncidentClassification, threshold: number): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  for (const axis of AXES) {
    const { label, confidence } = classification[axis];
    if (label === UNDETERMINED) reasons.push({ axis, reason: 'undetermined' });
    else if (confidence < threshold) reasons.push({ axis, reason: 'low_confidence' });
    if (classification.disagreements?.includes(axis)) reasons.push({ axis, reason: 'disagreement' });
  }
  return reasons;
}

/**
 * Why an axis is still waiting for an analyst: a machine reason (above) on an axis no review decided yet, or
 * `machine_changed`: an amendment or a backfill gave the axis a machine label other than the one the analyst saw and
 * other than the analyst's label. The analyst's label stays in force meanwhile (a person's decision is not dropped by
 * a machine); a later review of the axis settles it. A machine label that changes to the analyst's label needs nothing.
 */
export type PendingReason = ReviewReason['reason'] | 'machine_changed';

/** One axis still on the review queue, with every reason that holds. */
export interface PendingAxis {
  axis: Axis;
  reasons: PendingReason[];
}

/** The newest decision on an axis, as far as the queue needs it (labels-in-force.ts AxisDecision). */
export interface AxisDecisionSeen {
  axis: Axis;
  toLabel: string;
  machineLabel: string;
}

/**
 * The axes of an incident still pending review, in AXES order: an incident stays on the queue (GET /reviews) until
 * this is empty, so a review that decides only some of the axes in question keeps it there. `machine` is the newest
 * machine result, `decisions` the newest decision per axis, `threshold` REVIEW_CONFIDENCE_THRESHOLD (0..1). The SQL
 * filter of the queue (list-pending-reviews.handler.ts) mirrors this rule.
 */
export function pendingAxes(machine: IncidentClassification, decisions: readonly AxisDecisionSeen[], threshold: number): PendingAxis[] {
  const machineReasons = reviewReasons(machine, threshold);
  const pending: PendingAxis[] = [];
  for (const axis of AXES) {
    const decision = decisions.find((candidate) => candidate.axis === axis);
    const label = machine[axis].label;
    if (decision) {
      if (label !== decision.machineLabel && label !== decision.toLabel) pending.push({ axis, reasons: ['machine_changed'] });
      continue;
    }
    const reasons = machineReasons.filter((reason) => reason.axis === axis).map((reason) => reason.reason);
    if (reasons.length > 0) pending.push({ axis, reasons });
  }
  return pending;
}
