/**
 * Inter-annotator agreement of two labellers on one nominal axis (scripts/eval/agreement.ts, `npm run eval:agreement`).
 *
 * Cohen's kappa: κ = (p_o − p_e) / (1 − p_e), with p_o the share of items both labellers put in the same category and
 * p_e = Σ_k (share of A in k) × (share of B in k), the agreement expected by chance from each labeller's own marginals.
 * Source: J. Cohen, "A coefficient of agreement for nominal scales", Educational and Psychological Measurement 20(1),
 * 37–46 (1960), eq. 1 and the large-sample standard error of κ, eq. 9: σ_κ ≈ √(p_o(1 − p_o) / (n(1 − p_e)²)).
 * No maintained npm package computes it, so the formula is here.
 */

export interface Agreement {
  /** Items both labellers labelled (the pairs given). */
  n: number;
  /** p_o, share of identical pairs, 0..1 (NaN when n = 0). */
  observed: number;
  /** p_e, chance agreement from the two marginals, 0..1 (NaN when n = 0). */
  expected: number;
  /** Cohen's κ, −1..1; NaN when p_e = 1 (both labellers used one and the same category for every item). */
  kappa: number;
  /** Large-sample standard error of κ (Cohen 1960, eq. 9); a 95% interval is κ ± 1.96·σ. NaN where κ is. */
  standardError: number;
  /** Counts by `"<first>→<second>"` category pair. */
  confusion: Map<string, number>;
}

/** Agreement of labeller A (`first`) and labeller B (`second`) over paired category labels (any strings). */
export function cohenKappa(pairs: readonly { first: string; second: string }[]): Agreement {
  const n = pairs.length;
  const confusion = new Map<string, number>();
  const firstCounts = new Map<string, number>();
  const secondCounts = new Map<string, number>();
  let same = 0;
  for (const { first, second } of pairs) {
    const key = `${first}→${second}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    firstCounts.set(first, (firstCounts.get(first) ?? 0) + 1);
    secondCounts.set(second, (secondCounts.get(second) ?? 0) + 1);
    if (first === second) same += 1;
  }
  if (n === 0) return { n, observed: NaN, expected: NaN, kappa: NaN, standardError: NaN, confusion };
  const observed = same / n;
  let expected = 0;
  for (const [category, count] of firstCounts) expected += (count / n) * ((secondCounts.get(category) ?? 0) / n);
  const kappa = expected === 1 ? NaN : (observed - expected) / (1 - expected);
  const standardError = expected === 1 ? NaN : Math.sqrt((observed * (1 - observed)) / (n * (1 - expected) ** 2));
  return { n, observed, expected, kappa, standardError, confusion };
}
