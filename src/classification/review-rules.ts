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
