import type { EvidenceField, Evidence } from './classification.js';
import { featureAt, featureHash, featureScale, isFeatureAt, scanFeatures } from './model-features.js';
import { toSourceRange, type NormalizedText } from './normalize-text.js';

/** The cause axes the statistical model scores. */
export type CauseAxis = 'mechanism' | 'source';
export const CAUSE_AXES: readonly CauseAxis[] = ['mechanism', 'source'];

/** One axis of the model: logit = bias + featureScale(tokens) × Σ weights[i] over the distinct features present. */
export interface CauseModelAxis {
  /** Label of a positive logit (`misuse`, `enabled`). */
  readonly positive: string;
  /** Label of a negative logit (`loss_of_control`, `system`). */
  readonly negative: string;
  readonly bias: number;
  /** Aligned with `CauseModel.features`; 0 for a feature kept only for the other axis. */
  readonly weights: readonly number[];
}

/**
 * An L2-regularised logistic regression per cause axis over the n-grams of model-features.ts, as written by
 * `npm run train:classifier` (scripts/model/train-cause-model.ts) into cause-model.generated.ts.
 */
export interface CauseModel {
  /** Training provenance: date, rows per label source, digest of the training rows, regularisation, features kept. */
  readonly trainedOn: Readonly<Record<string, string | number>>;
  /** The n-grams kept (model-features.ts), in the form `forEachFeature` reports them. */
  readonly features: readonly string[];
  readonly mechanism: CauseModelAxis;
  readonly source: CauseModelAxis;
}

export interface AxisModelScore {
  readonly logit: number;
}

/**
 * The model's reading of one filing. `occurrences` holds four numbers per known n-gram present (its first occurrence,
 * in text order per field): position in `CauseModel.features`, index in `fields`, start and end in that field's
 * NORMALISED text. Flat numbers rather than objects: scoring runs on every classification.
 */
export interface CauseModelScore {
  readonly fields: readonly ModelField[];
  readonly occurrences: readonly number[];
  /** featureScale of the filing's token count: a present feature adds weight × scale to the logit. */
  readonly scale: number;
  /** Share of the text's tokens that are Han characters (model-features.ts); above MODEL_MAX_HAN_SHARE the model abstains. */
  readonly hanShare: number;
  readonly mechanism: AxisModelScore;
  readonly source: AxisModelScore;
}

/** A field as the classifier holds it: the original text and its normalised form. */
export interface ModelField {
  readonly field: EvidenceField;
  readonly original: string;
  readonly normalized: NormalizedText;
}

/** The model's logit is capped at ±this before it becomes evidence: one text cannot outvote every lexicon cue. */
export const MODEL_LOGIT_CAP = 4;
/**
 * The model abstains on a text whose tokens are more than this share Han characters: it was trained on about 1,000
 * English texts and 70 Chinese translations, and out of fold it is barely better than chance on Chinese
 * (scripts/eval/LABELLING.md §6), where the lexicon covers both languages alike.
 */
export const MODEL_MAX_HAN_SHARE = 0.5;
/**
 * The model reads the first this many characters of the normalised title, description and harm description together
 * (the rest of a field past the budget is not read): every text it was trained on is shorter (at most 1,116 characters;
 * median 370), so a long filing is read as far as the model has learnt to read, at a bounded cost.
 */
export const MODEL_MAX_CHARACTERS = 1200;
/** The features named as the model's evidence on an axis (the strongest pushes towards the label it votes for). */
export const MODEL_EVIDENCE_FEATURES = 3;

interface CompiledModel {
  /**
   * Open-addressing table of feature hashes (model-features.ts featureHash): `keys[slot]` a hash, `values[slot]` its
   * position + 1 (0 = empty slot, −1 = two features share the hash and `byString` decides). Looked up per n-gram, so
   * it is kept cheaper than a Map.
   */
  readonly keys: Int32Array;
  readonly values: Int32Array;
  readonly mask: number;
  readonly byString: ReadonlyMap<string, number>;
  readonly weights: Readonly<Record<CauseAxis, Float64Array>>;
}

const COMPILED = new WeakMap<CauseModel, CompiledModel>();

function compile(model: CauseModel): CompiledModel {
  const cached = COMPILED.get(model);
  if (cached !== undefined) return cached;
  let size = 16;
  while (size < 4 * model.features.length) size *= 2;
  const keys = new Int32Array(size);
  const values = new Int32Array(size);
  const mask = size - 1;
  const byString = new Map<string, number>();
  model.features.forEach((feature, position) => {
    byString.set(feature, position);
    const hash = featureHash(feature);
    let slot = hash & mask;
    while (values[slot] !== 0 && keys[slot] !== hash) slot = (slot + 1) & mask;
    values[slot] = values[slot] === 0 ? position + 1 : -1;
    keys[slot] = hash;
  });
  const compiled = { keys, values, mask, byString, weights: { mechanism: Float64Array.from(model.mechanism.weights), source: Float64Array.from(model.source.weights) } };
  COMPILED.set(model, compiled);
  return compiled;
}

/**
 * Scores normalised fields with the model: per cause axis the logit, and the known n-grams present. A feature counts
 * once per filing (first occurrence over title, description, harm description); the scale uses the token count of all
 * fields together. Reads at most MODEL_MAX_CHARACTERS; pure.
 */
export function scoreCauseModel(model: CauseModel, fields: readonly ModelField[]): CauseModelScore {
  const { keys, values, mask, byString, weights } = compile(model);
  const occurrences: number[] = [];
  const seen = new Uint8Array(model.features.length);
  let tokens = 0;
  let hanTokens = 0;
  let mechanism = 0;
  let source = 0;
  let budget = MODEL_MAX_CHARACTERS;
  fields.forEach((field, fieldIndex) => {
    const text = field.normalized.text;
    if (budget <= 0) return;
    // Looked up by hash, so no string is built for the many n-grams the model does not know; a hit is checked in place.
    const count = scanFeatures(text, (hash, start, end, joint) => {
      let slot = hash & mask;
      let value = values[slot] ?? 0;
      while (value !== 0 && keys[slot] !== hash) {
        slot = (slot + 1) & mask;
        value = values[slot] ?? 0;
      }
      if (value === 0) return;
      const position = value > 0 ? value - 1 : (byString.get(featureAt(text, start, end, joint)) ?? -1);
      const feature = model.features[position];
      if (feature === undefined || seen[position] === 1 || !isFeatureAt(text, start, end, joint, feature)) return;
      seen[position] = 1;
      occurrences.push(position, fieldIndex, start, end);
      mechanism += weights.mechanism[position] ?? 0;
      source += weights.source[position] ?? 0;
    }, budget);
    budget -= text.length;
    tokens += count.tokens;
    hanTokens += count.hanTokens;
  });
  const scale = featureScale(tokens);
  return {
    fields,
    occurrences,
    scale,
    hanShare: tokens === 0 ? 0 : hanTokens / tokens,
    mechanism: { logit: model.mechanism.bias + scale * mechanism },
    source: { logit: model.source.bias + scale * source },
  };
}

/**
 * The model's vote on one axis as evidence for decideAxis. Total weight W = `modelWeight` × min(|logit|, MODEL_LOGIT_CAP),
 * for the label the logit's sign gives, split over the MODEL_EVIDENCE_FEATURES features that push most towards it in
 * proportion to their contributions, in text order: PhraseEvidence with offsets in the original text and `term` = `model:<n-gram>`,
 * so a reader sees which phrases pushed the label. When no present feature pushes that way (the bias alone decides),
 * one FieldEvidence `{ field: 'model', value: 'bias' }` carries W. Weights are rounded to 3 decimals (stored
 * results compare exactly); empty when `modelWeight` ≤ 0, W rounds to 0 or the text is mostly Han (MODEL_MAX_HAN_SHARE).
 */
export function causeModelEvidence(model: CauseModel, axis: CauseAxis, score: CauseModelScore, modelWeight: number): Evidence[] {
  if (modelWeight <= 0 || score.hanShare > MODEL_MAX_HAN_SHARE) return [];
  const { logit } = score[axis];
  const total = modelWeight * Math.min(Math.abs(logit), MODEL_LOGIT_CAP);
  if (round3(total) === 0) return [];
  const supports = logit > 0 ? model[axis].positive : model[axis].negative;
  const sign = logit > 0 ? 1 : -1;
  const weights = compile(model).weights[axis];
  const { occurrences } = score;
  // The strongest pushes towards `supports` (ties: earlier occurrence): occurrence indices, best first.
  const top: number[] = [];
  const push = (occurrence: number): number => sign * (weights[occurrences[4 * occurrence] ?? 0] ?? 0);
  for (let occurrence = 0; 4 * occurrence < occurrences.length; occurrence += 1) {
    const strength = push(occurrence);
    if (strength <= 0) continue;
    let at = top.length;
    while (at > 0 && push(top[at - 1] ?? 0) < strength) at -= 1;
    if (at >= MODEL_EVIDENCE_FEATURES) continue;
    top.splice(at, 0, occurrence);
    if (top.length > MODEL_EVIDENCE_FEATURES) top.pop();
  }
  if (top.length === 0) return [{ kind: 'field', field: 'model', value: 'bias', supports, weight: round3(total) }];
  const pushed = top.reduce((sum, occurrence) => sum + push(occurrence), 0);
  // Occurrences are in field order, then text order: sorting the indices puts the evidence in text order.
  return top
    .sort((a, b) => a - b)
    .flatMap((occurrence): Evidence[] => {
      const weight = round3((total * push(occurrence)) / pushed);
      const [position = 0, fieldIndex = 0, normalizedStart = 0, normalizedEnd = 0] = occurrences.slice(4 * occurrence, 4 * occurrence + 4);
      const holder = score.fields[fieldIndex];
      if (weight === 0 || holder === undefined) return [];
      const [start, end] = toSourceRange(holder.normalized, normalizedStart, normalizedEnd);
      return [{ kind: 'phrase', field: holder.field, start, end, text: holder.original.slice(start, end), term: `model:${model.features[position] ?? ''}`, supports, weight }];
    });
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
