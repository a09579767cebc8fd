/**
 * CDC Early Aberration Reporting System (EARS) statistics C2 and C3 on a series of period counts (weeks here):
 * Hutwagner L, Thompson W, Seeman GM, Treadwell T. "The bioterrorism preparedness and response Early Aberration
 * Reporting System (EARS)." J Urban Health 2003;80(2 Suppl 1):i89–i96; definitions as restated by Fricker, Hegler and
 * Dunfee, "Comparing syndromic surveillance detection methods: EARS' versus a CUSUM-based methodology", Stat Med
 * 2008;27:3407–3429.
 *
 * - C2 at period t: (y_t − ȳ_t) / s_t, with ȳ_t and s_t the mean and sample standard deviation (n − 1) of the
 *   seven periods t−3 … t−9 (a 7-period baseline behind a 2-period guard band, so a surge building over two periods
 *   does not inflate its own baseline). Signal when C2 > 3.
 * - C3 at period t: Σ_{i=t−2..t} max(0, C2_i − 1). Signal when C3 > 2.
 *
 * A baseline with no variation (s = 0, e.g. seven weeks without any incident) would make any count above the mean
 * infinitely aberrant, so s is floored at `minSd` (1 incident per period by default): from a zero baseline C2 needs
 * 4 incidents in a week to signal, and C3 three weeks of 2.
 */
export type EarsMethodName = 'C2' | 'C3';

/** Parameters of an EARS method; `baseline` and `guard` in periods, `threshold` in C2 or C3 units. */
export interface EarsMethod {
  name: EarsMethodName;
  baseline: number;
  guard: number;
  threshold: number;
  minSd: number;
}

export const EARS_C2: EarsMethod = { name: 'C2', baseline: 7, guard: 2, threshold: 3, minSd: 1 };
export const EARS_C3: EarsMethod = { name: 'C3', baseline: 7, guard: 2, threshold: 2, minSd: 1 };
export const EARS_METHODS: Record<EarsMethodName, EarsMethod> = { C2: EARS_C2, C3: EARS_C3 };

/** C3 sums the C2 excesses of the current and this many previous periods. */
const C3_LAG = 2;

/** One evaluated period: its count, the baseline's mean (`expected`) and the sd used (floored), the statistic. */
export interface EarsPoint {
  index: number;
  count: number;
  expected: number;
  sd: number;
  statistic: number;
  alarm: boolean;
}

/**
 * The stable name of a method with its parameters, as the API's `method` field:
 * `EARS-C2(baseline=7,guard=2,threshold=3,minSd=1)`; periods are ISO weeks wherever the API uses it.
 */
export const earsMethodId = (method: EarsMethod): string =>
  `EARS-${method.name}(baseline=${method.baseline},guard=${method.guard},threshold=${method.threshold},minSd=${method.minSd})`;

/**
 * EARS statistics of `counts` (non-negative counts of consecutive periods, oldest first). Returns one point per period
 * that has a full baseline: from index `baseline + guard` for C2 and two periods later for C3; earlier periods are
 * not evaluated (too little history), so an empty array for a short series.
 */
export function earsStatistics(counts: readonly number[], method: EarsMethod = EARS_C2): EarsPoint[] {
  const lag = method.baseline + method.guard;
  const c2: Array<EarsPoint | undefined> = counts.map((count, index) => {
    if (index < lag) return undefined;
    const baseline = counts.slice(index - lag, index - method.guard);
    const expected = baseline.reduce((sum, value) => sum + value, 0) / baseline.length;
    const variance = baseline.reduce((sum, value) => sum + (value - expected) ** 2, 0) / (baseline.length - 1);
    const sd = Math.max(Math.sqrt(variance), method.minSd);
    const statistic = (count - expected) / sd;
    return { index, count, expected, sd, statistic, alarm: statistic > method.threshold };
  });
  if (method.name === 'C2') return c2.filter((point) => point !== undefined);
  const points: EarsPoint[] = [];
  for (let index = lag + C3_LAG; index < counts.length; index += 1) {
    const window = c2.slice(index - C3_LAG, index + 1) as EarsPoint[];
    const statistic = window.reduce((sum, point) => sum + Math.max(0, point.statistic - 1), 0);
    points.push({ ...c2[index]!, statistic, alarm: statistic > method.threshold });
  }
  return points;
}
