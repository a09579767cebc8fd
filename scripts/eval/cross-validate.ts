/**
 * `npm run eval:classifier:cv`: k-fold cross-validation of the classifier's decision parameters (ClassifierTuning in
 * libs/taxonomy/src/classify-incident.ts) over the dev split only; the test split is never read.
 *
 * Dev incidents (hand labels and the MIT/CSET proxies, LABELLING.md) go to K folds by FNV-1a of `fold:<base id>` (a
 * translation follows its original). For each fold, the tuning that scores best on the other K − 1 folds is chosen from
 * a small grid (ties keep the grid point nearest the 0.4.0 tuning), and the held-out fold is classified with it; the
 * pooled held-out predictions give the cross-validation estimate. Objectives: cause axes = mean macro-F1
 * (undetermined counts as wrong) of mechanism and source over hand and proxy-mit dev labels; magnitude = red-line-set
 * recall minus the false-flash rate on hard negatives (hand labels). The lexicon itself was tuned on all of dev, so
 * the estimate still flatters the lexicon; proxy labels (never used to pick lexicon terms) show that bias best.
 * Since 0.8.0 the cause axes are cross-validated twice, nested with the statistical cause model (LABELLING.md §6): with
 * `modelWeight` 0 (lexicon alone) and with the model's weight in the grid, each row scored by a model trained without it.
 *
 * Output: per fold the chosen tuning, then the pooled estimates next to DEFAULT_TUNING's figures on the same incidents
 * (in-sample for the lexicon's parameters and, since 0.8.0, for the model trained on all of dev), per label source and
 * language, and the predictions the model changed.
 */
import {
  DEFAULT_TUNING,
  UNDETERMINED,
  causeEvidenceOf,
  classifyIncident,
  decideCauseAxes,
  modelFieldsOf,
  type AxisResult,
  type CauseEvidence,
  type ClassifierTuning,
  type CompleteIncidentClassification,
} from '../../libs/taxonomy/src/index.js';
import { scoreCauseModel, type CauseModel, type CauseModelScore } from '../../libs/taxonomy/src/cause-model.js';
import { trainCauseModel, type IncidentFeatures } from '../model/cause-model-trainer.js';

import { axisFigures, fnv1a, loadCsetProxies, loadHandLabels, loadMitProxies, loadTexts, type LabelledIncident, type Scored } from './labelled-set.js';

const K = 5;

/** The tuning of classifier 0.4.0, shown beside DEFAULT_TUNING as the before figure. */
const TUNING_0_4_0: Required<ClassifierTuning> = { causeMinScore: 1, causeMinMargin: 0.5, crossAxisWeight: 0, baseRateWeight: 0, minExistentialScore: 3, causeTitleWeight: 1, modelWeight: 0 };

const CAUSE_GRID: readonly Partial<ClassifierTuning>[] = (() => {
  const points: Partial<ClassifierTuning>[] = [];
  for (const causeMinScore of [0.5, 1, 1.5]) {
    for (const causeMinMargin of [0, 0.25, 0.5]) {
      for (const crossAxisWeight of [0, 0.5, 1]) {
        for (const baseRateWeight of [0, 0.5, 1, 1.5]) {
          for (const causeTitleWeight of [1, 1.5, 2]) points.push({ causeMinScore, causeMinMargin, crossAxisWeight, baseRateWeight, causeTitleWeight });
        }
      }
    }
  }
  return points;
})();
const TITLE_WEIGHTS: readonly number[] = [1, 1.5, 2];
/** Weights of the statistical cause model tried by the cross-validation (0 = lexicon alone). */
const MODEL_WEIGHTS: readonly number[] = [0, 0.5, 1, 1.5, 2, 3];
const MODEL_GRID: readonly Partial<ClassifierTuning>[] = CAUSE_GRID.flatMap((point) => MODEL_WEIGHTS.map((modelWeight) => ({ ...point, modelWeight })));
const MAGNITUDE_GRID: readonly Partial<ClassifierTuning>[] = [2, 2.5, 3, 3.5, 4].map((minExistentialScore) => ({ minExistentialScore }));

const foldOf = (incident: LabelledIncident): number => fnv1a(`fold:${incident.baseId}`) % K;

/** Distance of a grid point from the 0.4.0 tuning, to break ties towards the behaviour before the cross-validation. */
function distance(point: Partial<ClassifierTuning>): number {
  return (Object.keys(point) as (keyof ClassifierTuning)[]).reduce((sum, key) => sum + Math.abs((point[key] ?? TUNING_0_4_0[key]) - TUNING_0_4_0[key]), 0);
}

type CauseScored = { incident: LabelledIncident; result: Pick<CompleteIncidentClassification, 'mechanism' | 'source'> };
const macroF1 = (scored: readonly CauseScored[], axis: 'mechanism' | 'source'): number => axisFigures(scored, axis)?.macroF1 ?? 0;

function causeObjective(scored: readonly CauseScored[]): number {
  const hand = scored.filter(({ incident }) => incident.labelSource === 'hand');
  const mit = scored.filter(({ incident }) => incident.labelSource === 'proxy-mit');
  return (macroF1(hand, 'mechanism') + macroF1(hand, 'source') + macroF1(mit, 'mechanism') + macroF1(mit, 'source')) / 4;
}

const flagged = (result: CompleteIncidentClassification): boolean => result.magnitude.label === 'existential' || result.redLineFlags.length > 0;

function flashFigures(scored: readonly Scored[]): { recall: number; hits: number; positives: number; hardFalse: number; hardNegatives: number } {
  const positives = scored.filter(({ incident }) => incident.flashWorthy === true);
  const hardNegatives = scored.filter(({ incident }) => incident.hardNegative === true);
  const hits = positives.filter(({ result }) => flagged(result)).length;
  const hardFalse = hardNegatives.filter(({ result }) => flagged(result)).length;
  return { recall: positives.length === 0 ? 0 : hits / positives.length, hits, positives: positives.length, hardFalse, hardNegatives: hardNegatives.length };
}

function magnitudeObjective(scored: readonly Scored[]): number {
  const figures = flashFigures(scored);
  return figures.recall - (figures.hardNegatives === 0 ? 0 : figures.hardFalse / figures.hardNegatives);
}

/** Classifies every incident once per grid point (the predictions do not depend on the fold). */
function classifyGrid(incidents: readonly LabelledIncident[], grid: readonly Partial<ClassifierTuning>[]): Scored[][] {
  return grid.map((point) => {
    const tuning: ClassifierTuning = { ...TUNING_0_4_0, ...point };
    return incidents.map((incident) => ({ incident, result: classifyIncident(incident.input, tuning) }));
  });
}

function crossValidate(
  title: string,
  grid: readonly Partial<ClassifierTuning>[],
  predictions: readonly Scored[][],
  objective: (scored: readonly Scored[]) => number,
): Scored[] {
  console.log(`\n## ${title}: tuning chosen on the other ${K - 1} folds`);
  const pooled: Scored[] = [];
  for (let fold = 0; fold < K; fold += 1) {
    const best = bestPoint(grid, (index) => objective((predictions[index] ?? []).filter(({ incident }) => foldOf(incident) !== fold)));
    const held = (predictions[best.index] ?? []).filter(({ incident }) => foldOf(incident) === fold);
    pooled.push(...held);
    console.log(`  fold ${fold}: ${JSON.stringify(grid[best.index])} (train objective ${best.score.toFixed(3)}; ${held.length} held-out incidents, objective ${objective(held).toFixed(3)})`);
  }
  const all = bestPoint(grid, (index) => objective(predictions[index] ?? []));
  console.log(`  best on all dev: ${JSON.stringify(grid[all.index])} (objective ${all.score.toFixed(3)})`);
  return pooled;
}

/** The grid point with the highest objective; ties go to the point nearest the 0.4.0 tuning, then to the first. */
function bestPoint(grid: readonly Partial<ClassifierTuning>[], objective: (index: number) => number): { index: number; score: number } {
  let index = 0;
  let score = -Infinity;
  grid.forEach((point, candidate) => {
    const value = objective(candidate);
    if (value > score + 1e-9 || (Math.abs(value - score) <= 1e-9 && distance(point) < distance(grid[index] ?? {}))) {
      index = candidate;
      score = value;
    }
  });
  return { index, score };
}

/**
 * The cause axes with the statistical model (LABELLING.md §6), nested so that no prediction comes from a model that saw
 * its row: for each outer fold f a model is trained on the other K − 1 folds and predicts f; the tuning for f (lexicon
 * parameters and `modelWeight`) is chosen on the other folds, each of whose rows is scored by a model trained without
 * f and without that row's fold. Lexicon evidence is computed once per title weight and decided with
 * `decideCauseAxes`, the function `classifyIncident` uses (checked below on a sample).
 */
type CausePrediction = CauseScored;

interface CauseCrossValidation {
  lexiconOnly: CausePrediction[];
  withModel: CausePrediction[];
  modelAlone: CausePrediction[];
  /** DEFAULT_TUNING as it is, each row scored by the model trained without its fold. */
  defaultsOutOfFold: CausePrediction[];
}

function crossValidateCauseModel(dev: readonly LabelledIncident[]): CauseCrossValidation {
  console.log(`\n## Cause axes with the statistical model: nested ${K}-fold cross-validation (${K * K} model fits)`);
  const started = Date.now();
  const cache = new Map<string, IncidentFeatures>();
  const outer: CauseModel[] = [];
  const inner: CauseModel[][] = [];
  for (let fold = 0; fold < K; fold += 1) {
    outer.push(trainCauseModel(dev.filter((incident) => foldOf(incident) !== fold), { cache }));
    inner.push(
      Array.from({ length: K }, (_, other) => (other === fold ? (outer[fold]) : trainCauseModel(dev.filter((incident) => foldOf(incident) !== fold && foldOf(incident) !== other), { cache }))),
    );
    const trained = outer[fold]?.trainedOn;
    console.log(`  fold ${fold} model: λ mechanism ${trained?.mechanismLambda}, source ${trained?.sourceLambda}; ${outer[fold]?.features.length} features`);
  }
  const fields = dev.map((incident) => modelFieldsOf(incident.input));
  const folds = dev.map(foldOf);
  // outerScore[r]: row r scored by the model trained without its fold; innerScore[f][r]: by the model trained without f and r's fold.
  const outerScore = dev.map((_, row) => scoreCauseModel(outer[folds[row] ?? 0], fields[row] ?? []));
  const innerScore = Array.from({ length: K }, (_, fold) => dev.map((_, row) => (folds[row] === fold ? undefined : scoreCauseModel(inner[fold]?.[folds[row] ?? 0], fields[row] ?? []))));
  const lexicon = new Map(TITLE_WEIGHTS.map((weight) => [weight, dev.map((incident) => causeEvidenceOf(incident.input, weight))]));
  console.log(`  models and scores ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const decide = (row: number, point: Partial<ClassifierTuning>, model: CauseModel, score: CauseModelScore | undefined): CausePrediction => {
    const tuning: ClassifierTuning = { ...TUNING_0_4_0, ...point };
    const evidence = lexicon.get(tuning.causeTitleWeight)?.[row] as CauseEvidence;
    return { incident: dev[row], result: decideCauseAxes(evidence, tuning, model, score) };
  };
  const rowsOf = (predicate: (row: number) => boolean): number[] => dev.flatMap((_, row) => (predicate(row) ? [row] : []));
  const runCv = (grid: readonly Partial<ClassifierTuning>[], title: string): CausePrediction[] => {
    console.log(`  ${title}:`);
    const pooled: CausePrediction[] = [];
    for (let fold = 0; fold < K; fold += 1) {
      const train = rowsOf((row) => folds[row] !== fold);
      const best = bestPoint(grid, (index) => causeObjective(train.map((row) => decide(row, grid[index] ?? {}, inner[fold]?.[folds[row] ?? 0], innerScore[fold]?.[row]))));
      const held = rowsOf((row) => folds[row] === fold).map((row) => decide(row, grid[best.index] ?? {}, outer[fold], outerScore[row]));
      pooled.push(...held);
      console.log(`    fold ${fold}: ${JSON.stringify(grid[best.index])} (train objective ${best.score.toFixed(3)}; held-out objective ${causeObjective(held).toFixed(3)})`);
    }
    const all = bestPoint(grid, (index) => causeObjective(dev.map((_, row) => decide(row, grid[index] ?? {}, outer[folds[row] ?? 0], outerScore[row]))));
    console.log(`    best on all dev (out-of-fold model scores): ${JSON.stringify(grid[all.index])} (objective ${all.score.toFixed(3)})`);
    return pooled;
  };
  checkConsistency(dev, outer[0]);
  const lexiconOnly = runCv(CAUSE_GRID, 'lexicon alone (modelWeight 0)');
  const withModel = runCv(MODEL_GRID, `lexicon + model (modelWeight ${MODEL_WEIGHTS.join(' / ')})`);
  const modelAlone = dev.map((incident, row): CausePrediction => {
    const logit = (axis: 'mechanism' | 'source'): number => outerScore[row]?.[axis].logit ?? 0;
    const vote = <L extends string>(label: L): AxisResult<L> => ({ label, confidence: 0, evidence: [] });
    return { incident, result: { mechanism: vote(logit('mechanism') > 0 ? 'misuse' : 'loss_of_control'), source: vote(logit('source') > 0 ? 'enabled' : 'system') } };
  });
  const defaultsOutOfFold = dev.map((_, row) => decide(row, DEFAULT_TUNING, outer[folds[row] ?? 0], outerScore[row]));
  return { lexiconOnly, withModel, modelAlone, defaultsOutOfFold };
}

/** `decideCauseAxes` on precomputed evidence must give what `classifyIncident` gives; checked on every 20th row. */
function checkConsistency(dev: readonly LabelledIncident[], model: CauseModel): void {
  const tuning: ClassifierTuning = { ...DEFAULT_TUNING, modelWeight: 1.5 };
  let checked = 0;
  dev.forEach((incident, row) => {
    if (row % 20 !== 0) return;
    const full = classifyIncident(incident.input, tuning, model);
    const fast = decideCauseAxes(causeEvidenceOf(incident.input, tuning.causeTitleWeight), tuning, model, scoreCauseModel(model, modelFieldsOf(incident.input)));
    for (const axis of ['mechanism', 'source'] as const) {
      if (full[axis].label !== fast[axis].label || full[axis].confidence !== fast[axis].confidence) throw new Error(`decideCauseAxes differs from classifyIncident on ${incident.id} (${axis})`);
    }
    checked += 1;
  });
  console.log(`  consistency: decideCauseAxes = classifyIncident on ${checked} sampled rows`);
}

function printCause(label: string, scored: readonly CauseScored[]): void {
  const subsets = [
    ...(['hand', 'proxy-mit', 'proxy-cset'] as const).map((source) => [source, scored.filter(({ incident }) => incident.labelSource === source)] as const),
    ['hand en', scored.filter(({ incident }) => incident.labelSource === 'hand' && incident.language === 'en')] as const,
    ['hand zh', scored.filter(({ incident }) => incident.labelSource === 'hand' && incident.language === 'zh')] as const,
  ];
  for (const [source, subset] of subsets) {
    const figures = (['mechanism', 'source'] as const).flatMap((axis) => {
      const axisResult = axisFigures(subset, axis);
      return axisResult === undefined ? [] : [`${axis} macro-F1 ${axisResult.macroF1.toFixed(3)} (n ${axisResult.n}, coverage ${axisResult.coverage.toFixed(3)})`];
    });
    console.log(`  ${label.padEnd(28)} ${source.padEnd(10)} ${figures.join('; ')}`);
  }
}

/** Per label source and axis, the rows whose prediction changed: now right (was wrong) and now wrong (was right). */
function printChanges(label: string, before: readonly CauseScored[], after: readonly CauseScored[]): void {
  const was = new Map(before.map((item) => [`${item.incident.labelSource}\u0000${item.incident.id}\u0000${item.incident.language}`, item]));
  const parts: string[] = [];
  for (const source of ['hand', 'proxy-mit', 'proxy-cset'] as const) {
    for (const axis of ['mechanism', 'source'] as const) {
      let better = 0;
      let worse = 0;
      for (const item of after.filter(({ incident }) => incident.labelSource === source && incident.gold[axis] !== undefined)) {
        const previous = was.get(`${item.incident.labelSource}\u0000${item.incident.id}\u0000${item.incident.language}`);
        if (previous === undefined) continue;
        const right = (scored: CauseScored): boolean => scored.result[axis].label === scored.incident.gold[axis];
        if (right(item) && !right(previous)) better += 1;
        if (!right(item) && right(previous)) worse += 1;
      }
      if (better + worse > 0) parts.push(`${source} ${axis} +${better}/−${worse}`);
    }
  }
  console.log(`  changed predictions, ${label}: ${parts.join('; ')}`);
}

function printFlash(label: string, scored: readonly Scored[]): void {
  const figures = flashFigures(scored);
  const magnitude = axisFigures(scored.filter(({ incident }) => incident.labelSource === 'hand'), 'magnitude');
  console.log(
    `  ${label.padEnd(28)} red-line recall ${figures.hits}/${figures.positives} = ${figures.recall.toFixed(3)}; false flash on hard negatives ${figures.hardFalse}/${figures.hardNegatives}; ` +
      `hand magnitude macro-F1 ${(magnitude?.macroF1 ?? 0).toFixed(3)}`,
  );
}

function main(): void {
  const texts = loadTexts();
  const dev = [...loadHandLabels(texts), ...loadMitProxies(texts), ...loadCsetProxies(texts)].filter((incident) => incident.split === 'dev');
  const hand = dev.filter((incident) => incident.labelSource === 'hand');
  console.log(`# Classifier ${classifyIncident({ title: '', description: '' }).classifierVersion}: ${K}-fold cross-validation over the dev split (${dev.length} incidents, ${hand.length} hand-labelled)`);
  console.log(`DEFAULT_TUNING ${JSON.stringify(DEFAULT_TUNING)}; cause grid ${CAUSE_GRID.length} points, magnitude grid ${MAGNITUDE_GRID.length} points`);

  const cause = crossValidateCauseModel(dev);
  const magnitudePredictions = classifyGrid(hand, MAGNITUDE_GRID);
  const magnitudePooled = crossValidate('Magnitude and red lines', MAGNITUDE_GRID, magnitudePredictions, magnitudeObjective);

  const defaults = dev.map((incident) => ({ incident, result: classifyIncident(incident.input) }));
  const before = dev.map((incident) => ({ incident, result: classifyIncident(incident.input, TUNING_0_4_0) }));
  console.log('\n## Estimates on dev (cross-validated = each fold classified with the tuning and model chosen and trained without it)');
  printCause('0.4.0 tuning (in-sample)', before);
  printCause('DEFAULT_TUNING (in-sample)', defaults);
  printCause('CV, lexicon alone', cause.lexiconOnly);
  printCause('CV, lexicon + model', cause.withModel);
  printCause('model alone (out-of-fold)', cause.modelAlone);
  printCause('DEFAULT_TUNING, OOF model', cause.defaultsOutOfFold);
  printChanges('CV lexicon alone → CV lexicon + model', cause.lexiconOnly, cause.withModel);
  printChanges('CV lexicon alone → DEFAULT_TUNING, OOF model', cause.lexiconOnly, cause.defaultsOutOfFold);
  printFlash('0.4.0 tuning (in-sample)', before.filter(({ incident }) => incident.labelSource === 'hand'));
  printFlash('DEFAULT_TUNING (in-sample)', defaults.filter(({ incident }) => incident.labelSource === 'hand'));
  printFlash('cross-validated tuning', magnitudePooled);
  const undetermined = (scored: readonly CauseScored[]): number => scored.filter(({ incident, result }) => incident.gold.mechanism !== undefined && result.mechanism.label === UNDETERMINED).length;
  console.log(
    `  mechanism undetermined: 0.4.0 tuning ${undetermined(before)}, DEFAULT_TUNING ${undetermined(defaults)}, CV lexicon alone ${undetermined(cause.lexiconOnly)}, ` +
      `CV lexicon + model ${undetermined(cause.withModel)} (all label sources)`,
  );
}

main();
