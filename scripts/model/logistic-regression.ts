/**
 * Weighted binary logistic regression with an L2 penalty, on sparse rows: our own small trainer for the cause model
 * (cause-model-trainer.ts). mljs `ml-logistic-regression` was not used: it works on dense matrices (1,000 rows × 20,000
 * n-grams = 160 MB of doubles) and has no regularisation term.
 *
 * Minimises F(w, b) = Σ sᵢ·log(1 + exp(−ỹᵢ(w·xᵢ + b))) / Σ sᵢ + λ/2·‖w‖² (ỹ = ±1, bias not penalised) with Nesterov's
 * accelerated gradient for strongly convex functions: step 1/L with L = ¼·maxᵢ(‖xᵢ‖² + 1) + λ (a bound on the
 * Hessian), momentum (√κ − 1)/(√κ + 1) with κ = L/λ. Deterministic: no randomness, rows in the order given.
 */

/** One training row: sorted feature indices with their values, the label (1 = positive) and a sample weight. */
export interface SparseRow {
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly label: 0 | 1;
  readonly weight: number;
}

export interface LogisticFit {
  readonly weights: Float64Array;
  readonly bias: number;
  readonly iterations: number;
}

const MAX_ITERATIONS = 4000;
/** Stop when every gradient component is below this (the objective is then within ~1e-12 of its minimum). */
const GRADIENT_TOLERANCE = 1e-6;

export function fitLogistic(rows: readonly SparseRow[], featureCount: number, lambda: number): LogisticFit {
  const totalWeight = rows.reduce((sum, row) => sum + row.weight, 0);
  let maxNorm = 0;
  for (const row of rows) maxNorm = Math.max(maxNorm, row.values.reduce((sum, value) => sum + value * value, 1));
  const lipschitz = 0.25 * maxNorm + lambda;
  const rootKappa = Math.sqrt(lipschitz / lambda);
  const momentum = (rootKappa - 1) / (rootKappa + 1);

  let weights = new Float64Array(featureCount);
  let previous = new Float64Array(featureCount);
  let bias = 0;
  let previousBias = 0;
  const look = new Float64Array(featureCount);
  const gradient = new Float64Array(featureCount);
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS; iterations += 1) {
    for (let index = 0; index < featureCount; index += 1) look[index] = (weights[index] ?? 0) + momentum * ((weights[index] ?? 0) - (previous[index] ?? 0));
    const lookBias = bias + momentum * (bias - previousBias);
    for (let index = 0; index < featureCount; index += 1) gradient[index] = lambda * (look[index] ?? 0);
    let biasGradient = 0;
    for (const row of rows) {
      let margin = lookBias;
      for (let k = 0; k < row.indices.length; k += 1) margin += (look[row.indices[k] ?? 0] ?? 0) * (row.values[k] ?? 0);
      const residual = (row.weight * (sigmoid(margin) - row.label)) / totalWeight;
      biasGradient += residual;
      for (let k = 0; k < row.indices.length; k += 1) {
        const feature = row.indices[k] ?? 0;
        gradient[feature] = (gradient[feature] ?? 0) + residual * (row.values[k] ?? 0);
      }
    }
    let largest = Math.abs(biasGradient);
    for (let index = 0; index < featureCount; index += 1) largest = Math.max(largest, Math.abs(gradient[index] ?? 0));
    if (largest < GRADIENT_TOLERANCE) break;
    const next = previous;
    for (let index = 0; index < featureCount; index += 1) next[index] = (look[index] ?? 0) - (gradient[index] ?? 0) / lipschitz;
    previous = weights;
    weights = next;
    previousBias = bias;
    bias = lookBias - biasGradient / lipschitz;
  }
  return { weights, bias, iterations };
}

/** Σ sᵢ·log-loss of `fit` on `rows` (natural log). */
export function weightedLogLoss(fit: { weights: ArrayLike<number>; bias: number }, rows: readonly SparseRow[]): number {
  let loss = 0;
  for (const row of rows) {
    let margin = fit.bias;
    for (let k = 0; k < row.indices.length; k += 1) margin += (fit.weights[row.indices[k] ?? 0] ?? 0) * (row.values[k] ?? 0);
    const signed = row.label === 1 ? margin : -margin;
    // log(1 + exp(−m)) without overflow.
    loss += row.weight * (signed > 0 ? Math.log1p(Math.exp(-signed)) : -signed + Math.log1p(Math.exp(signed)));
  }
  return loss;
}

function sigmoid(value: number): number {
  return value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value));
}
