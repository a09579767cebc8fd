import type { AxisResult, Evidence } from './classification.js';
import { UNDETERMINED } from './vocabulary.js';

/** A label needs at least this score (sum of evidence weights) to be chosen. */
export const MIN_LABEL_SCORE = 1.5;
/** ...and must lead the other label of its axis by at least this much. */
export const MIN_MARGIN = 1;
/** Score at which the evidence-strength factor of the confidence reaches 1 − 1/e ≈ 0.63. */
export const CONFIDENCE_SATURATION = 2.5;

/**
 * Decides one two-label axis from its evidence.
 *
 * Scores: `s(L)` = sum of the `weight` of every evidence item whose `supports` is `L`. With `top` the
 * higher score (ties go to the first label of `labels`) and `other` the lower one, the label is `top`'s
 * if `s(top) ≥ minScore(top)` (default `MIN_LABEL_SCORE`) and `s(top) − s(other) ≥ minMargin` (default `MIN_MARGIN`);
 * otherwise `undetermined`.
 *
 * Confidence of a chosen label, in [0, 1):
 *   `confidence = s(top) / (s(top) + s(other)) × (1 − exp(−s(top) / CONFIDENCE_SATURATION))`
 * — the label's share of all evidence on the axis times a saturating evidence-strength factor, so one
 * strong cue (weight 3) alone gives ≈ 0.70, two give ≈ 0.91, and conflicting evidence pulls it down.
 * Rounded to 3 decimals so stored results compare exactly. `undetermined` has confidence 0.
 * `evidence` is returned as given (the caller sorts it).
 */
export function decideAxis<L extends string>(
  labels: readonly [L, L],
  evidence: Evidence[],
  minScore: Partial<Record<L, number>> = {},
  minMargin = MIN_MARGIN,
): AxisResult<L> {
  const [first, second] = labels;
  const score = (label: L): number =>
    evidence.reduce((sum, item) => (item.supports === label ? sum + item.weight : sum), 0);
  const firstScore = score(first);
  const secondScore = score(second);
  const [top, topScore, otherScore] =
    firstScore >= secondScore ? [first, firstScore, secondScore] : [second, secondScore, firstScore];
  const clears = topScore >= (minScore[top] ?? MIN_LABEL_SCORE) && topScore - otherScore >= minMargin;
  if (!clears) return { label: UNDETERMINED, confidence: 0, evidence };
  const share = topScore / (topScore + otherScore);
  const strength = 1 - Math.exp(-topScore / CONFIDENCE_SATURATION);
  return { label: top, confidence: Math.round(share * strength * 1000) / 1000, evidence };
}
