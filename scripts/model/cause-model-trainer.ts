/**
 * Trains the statistical cause model (libs/taxonomy/src/cause-model.ts) on labelled incidents: one L2-regularised
 * logistic regression per cause axis (mechanism: misuse vs loss_of_control; source: enabled vs system) over the n-grams
 * of model-features.ts. Used by `npm run train:classifier` (all dev rows) and by `npm run eval:classifier:cv` (the
 * rows of K − 1 folds), so the model the cross-validation measures is trained exactly like the one shipped.
 *
 * Choices fixed before any result was seen (LABELLING.md §6): an n-gram is kept when it occurs in at least MIN_DOCUMENT_FREQUENCY training
 * texts; hand labels weigh HAND_WEIGHT, proxy labels 1; λ is picked from LAMBDA_GRID by LAMBDA_FOLDS-fold
 * cross-validated log-loss on the training rows themselves (folds by base id, a translation with its original); after
 * the fit only the KEEP_PER_AXIS largest |weights| per axis are kept, rounded to 4 decimals.
 */
import { createHash } from 'node:crypto';

import { normalizeText } from '../../libs/taxonomy/src/normalize-text.js';
import { featureScale, forEachFeature } from '../../libs/taxonomy/src/model-features.js';
import { CAUSE_AXES, MODEL_MAX_CHARACTERS, type CauseAxis, type CauseModel } from '../../libs/taxonomy/src/cause-model.js';
import type { ClassifierInput } from '../../libs/taxonomy/src/index.js';
import { fnv1a, type LabelledIncident } from '../eval/labelled-set.js';
import { fitLogistic, weightedLogLoss, type SparseRow } from './logistic-regression.js';

export const MIN_DOCUMENT_FREQUENCY = 2;
export const HAND_WEIGHT = 2;
export const LAMBDA_GRID: readonly number[] = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3];
export const LAMBDA_FOLDS = 3;
export const KEEP_PER_AXIS = 3000;

const LABELS: Record<CauseAxis, { positive: string; negative: string }> = {
  mechanism: { positive: 'misuse', negative: 'loss_of_control' },
  source: { positive: 'enabled', negative: 'system' },
};

/** The features of one incident's text: the distinct n-grams and the scale of each (model-features.ts). */
export interface IncidentFeatures {
  readonly features: ReadonlySet<string>;
  readonly scale: number;
}

/** Features of title, description and harm description (normalised), counted once per incident. */
export function incidentFeatures(input: ClassifierInput): IncidentFeatures {
  const features = new Set<string>();
  let tokens = 0;
  // As scoreCauseModel reads a filing: fields in this order, MODEL_MAX_CHARACTERS of normalised text in all.
  let budget = MODEL_MAX_CHARACTERS;
  for (const text of [input.title, input.description, input.harmDescription ?? '']) {
    if (typeof text !== 'string' || text.length === 0 || budget <= 0) continue;
    const normalized = normalizeText(text).text;
    tokens += forEachFeature(normalized, (feature) => features.add(feature), budget).tokens;
    budget -= normalized.length;
  }
  return { features, scale: featureScale(tokens) };
}

export interface TrainingOptions {
  /** Stored in `trainedOn.date`; the cross-validation leaves it empty. */
  readonly date?: string;
  /** Features per incident id, to share the work between the many fits of the cross-validation. */
  readonly cache?: Map<string, IncidentFeatures>;
}

export function trainCauseModel(incidents: readonly LabelledIncident[], options: TrainingOptions = {}): CauseModel {
  const cache = options.cache ?? new Map<string, IncidentFeatures>();
  const featuresOf = (incident: LabelledIncident): IncidentFeatures => {
    const key = `${incident.id}\u0000${incident.language}`;
    let found = cache.get(key);
    if (found === undefined) {
      found = incidentFeatures(incident.input);
      cache.set(key, found);
    }
    return found;
  };
  const rows = incidents.filter((incident) => CAUSE_AXES.some((axis) => incident.gold[axis] !== undefined));
  const documentFrequency = new Map<string, number>();
  for (const incident of rows) for (const feature of featuresOf(incident).features) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
  const vocabulary = [...documentFrequency].filter(([, count]) => count >= MIN_DOCUMENT_FREQUENCY).map(([feature]) => feature).sort(compareCodeUnits);
  const index = new Map(vocabulary.map((feature, position) => [feature, position]));

  const fitted = CAUSE_AXES.map((axis) => {
    const labelled = rows.filter((incident) => incident.gold[axis] !== undefined);
    const sparse = labelled.map((incident): SparseRow => {
      const { features, scale } = featuresOf(incident);
      const indices = Int32Array.from([...features].flatMap((feature) => (index.has(feature) ? [index.get(feature) ?? 0] : []))).sort();
      return { indices, values: new Float64Array(indices.length).fill(scale), label: incident.gold[axis] === LABELS[axis].positive ? 1 : 0, weight: incident.labelSource === 'hand' ? HAND_WEIGHT : 1 };
    });
    const lambda = chooseLambda(labelled, sparse, vocabulary.length);
    const fit = fitLogistic(sparse, vocabulary.length, lambda);
    const kept = [...fit.weights.keys()].sort((a, b) => Math.abs(fit.weights[b] ?? 0) - Math.abs(fit.weights[a] ?? 0) || a - b).slice(0, KEEP_PER_AXIS);
    const weights = new Map(kept.map((position) => [position, round4(fit.weights[position] ?? 0)]));
    return { axis, lambda, weights, bias: round4(fit.bias), rows: labelled.length };
  });

  const positions = [...new Set(fitted.flatMap(({ weights }) => [...weights].filter(([, weight]) => weight !== 0).map(([position]) => position)))].sort((a, b) => a - b);
  const axisModel = (axis: CauseAxis): CauseModel[CauseAxis] => {
    const fit = fitted.find((item) => item.axis === axis);
    return { ...LABELS[axis], bias: fit?.bias ?? 0, weights: positions.map((position) => fit?.weights.get(position) ?? 0) };
  };
  const count = (source: string): number => rows.filter((incident) => incident.labelSource === source).length;
  return {
    trainedOn: {
      date: options.date ?? '',
      split: 'dev',
      handRows: count('hand'),
      mitProxyRows: count('proxy-mit'),
      csetProxyRows: count('proxy-cset'),
      rowsDigest: digestOf(rows),
      mechanismRows: fitted[0]?.rows ?? 0,
      sourceRows: fitted[1]?.rows ?? 0,
      mechanismLambda: fitted[0]?.lambda ?? 0,
      sourceLambda: fitted[1]?.lambda ?? 0,
      vocabulary: vocabulary.length,
      minDocumentFrequency: MIN_DOCUMENT_FREQUENCY,
      keptPerAxis: KEEP_PER_AXIS,
      handWeight: HAND_WEIGHT,
    },
    features: positions.map((position) => vocabulary[position] ?? ''),
    mechanism: axisModel('mechanism'),
    source: axisModel('source'),
  };
}

/** λ with the lowest LAMBDA_FOLDS-fold cross-validated weighted log-loss on the training rows; ties go to the larger λ. */
function chooseLambda(incidents: readonly LabelledIncident[], rows: readonly SparseRow[], featureCount: number): number {
  const foldOf = incidents.map((incident) => fnv1a(`lambda:${incident.baseId}`) % LAMBDA_FOLDS);
  let best = LAMBDA_GRID[0] ?? 1e-3;
  let bestLoss = Infinity;
  for (const lambda of LAMBDA_GRID) {
    let loss = 0;
    for (let fold = 0; fold < LAMBDA_FOLDS; fold += 1) {
      const fit = fitLogistic(rows.filter((_, row) => foldOf[row] !== fold), featureCount, lambda);
      loss += weightedLogLoss(fit, rows.filter((_, row) => foldOf[row] === fold));
    }
    if (loss <= bestLoss + 1e-9) {
      best = lambda;
      bestLoss = loss;
    }
  }
  return best;
}

/** SHA-256 (first 16 hex digits) of the training rows' ids, label sources and cause labels, in a fixed order. */
function digestOf(rows: readonly LabelledIncident[]): string {
  const lines = rows.map((incident) => `${incident.labelSource}\t${incident.id}\t${incident.language}\t${incident.gold.mechanism ?? ''}\t${incident.gold.source ?? ''}`).sort(compareCodeUnits);
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round4(value: number): number {
  return Math.round(value * 10000) / 10000;
}
