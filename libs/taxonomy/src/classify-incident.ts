import type {
  AxisResult,
  ClassifierInput,
  CompleteIncidentClassification,
  Evidence,
  EvidenceField,
  FieldEvidence,
  PhraseEvidence,
  RedLineResult,
  SeverityResult,
} from './classification.js';
import {
  contextOf,
  decideEuAiAct,
  decideLifecycle,
  decideOecd,
  decideSector,
  decideUrgency,
  detectHarmTypes,
  reportsVulnerability,
  detectRedLines,
  estimateSeverity,
  findFacetMatches,
  inFiction,
  inFictionFrame,
  reportsFiction,
  withoutFictionalHarm,
  type NormalizedField,
} from './classify-facets.js';
import { hasAiSubject, isAiActing, isAiTarget, isHypothetical, isNegated, mayHaveAiSubject, unitEnd, unitStart } from './context-rules.js';
import { CAUSE_MODEL } from './cause-model.generated.js';
import { causeModelEvidence, scoreCauseModel, type CauseAxis, type CauseModel, type CauseModelScore, type ModelField } from './cause-model.js';
import { decideAxis } from './decide-axis.js';
import { SECTOR_VOTES, type LexiconEntry, type Votes } from './incident-lexicon.js';
import { matchField } from './field-matches.js';
import { compareCodeUnits } from './match-lexicon.js';
import { normalizeText, toSourceRange } from './normalize-text.js';
import { AXES, MAGNITUDES, MECHANISMS, RISK_SOURCES, UNDETERMINED, type Axis, type Mechanism, type RedLineFlag, type RiskSource } from './vocabulary.js';

/**
 * Version of the classification rules, stored with every result (semver):
 * - patch: a change that cannot move any label (docstrings, performance, evidence text of the same span);
 * - minor: lexicon terms, weights, thresholds or priors change, so some labels or confidences may move;
 * - major: the output shape or the meaning of a label changes (TAXONOMY.md revised).
 * 0.8.1 is a patch by the lead's decision although its rules move labels: it only withdraws false alarms the trial of
 * 0.8.0 found (refused requests, work titles, comparisons with films) and gives an agent's data destruction its cause,
 * with no new weight, threshold or label meaning (scripts/eval/LABELLING.md §3).
 */
export const CLASSIFIER_VERSION = '0.8.2';

/**
 * The decision parameters of the classifier, fitted on the dev split of the evaluation (scripts/eval/LABELLING.md)
 * by `npm run eval:classifier:cv` (k-fold cross-validation over dev folds). `classifyIncident` uses `DEFAULT_TUNING`;
 * the evaluation passes other values to estimate how a choice generalises.
 */
export interface ClassifierTuning {
  /**
   * Mechanism and source (the cause axes) take a label at this score (sum of evidence weights)...
   * Since 0.3.0 below decideAxis's default: `undetermined` was the main error on these axes.
   */
  readonly causeMinScore: number;
  /** ...when it leads the other label of its axis by at least this much. */
  readonly causeMinMargin: number;
  /**
   * Joint decision of the cause axes (since 0.5.0): this fraction of the other cause axis's net text evidence
   * (leading score minus the other label's) counts for the correlated label (TAXONOMY.md: misuse is usually
   * enabled, loss of control usually system), as a FieldEvidence whose `field` is the other axis. 0 = off.
   */
  readonly crossAxisWeight: number;
  /**
   * Weight of the more frequent label of each cause axis (loss_of_control, system) when at least one term of
   * incident-lexicon.ts (any axis) matched the text (FieldEvidence `baseRate`), so a weak cue for the rarer label must still outweigh it. A
   * text that matched no term at all stays `undetermined` and goes to review. 0 = off.
   */
  readonly baseRateWeight: number;
  /** `existential` needs at least this score: a false existential label raises the most urgent alert class. */
  readonly minExistentialScore: number;
  /**
   * Factor on the weight of mechanism and source matches in the title (since 0.5.0; a title states what the incident
   * is about, a description also tells its background). Magnitude evidence is not scaled.
   */
  readonly causeTitleWeight: number;
  /**
   * Weight of the statistical cause model (cause-model.ts, since 0.8.0) on mechanism and source: its vote is
   * `modelWeight` × min(|logit|, MODEL_LOGIT_CAP), given like the base rate only when a lexicon term matched. Absent or
   * 0 = off (the model is then not even run).
   */
  readonly modelWeight?: number;
}

/**
 * 0.8.0: `modelWeight` 1.5, the median of the five folds' choices in the nested cross-validation (every fold chose a
 * weight above 0; scripts/eval/LABELLING.md §6); the other values are 0.5.0's, as no other change had a majority of folds.
 * 0.5.0 values: the tuning four of the five folds of the cross-validation over dev chose (scripts/eval/LABELLING.md §5):
 * no minimum margin and a base-rate weight of 1, so a cause axis is `undetermined` only when no lexicon term matched;
 * a weak cue for the rarer label still wins when nothing opposes it, and a label chosen on the base rate (with
 * evidence on the other axes only) has confidence ≈ 0.33 and goes to review.
 */
export const DEFAULT_TUNING: ClassifierTuning = {
  causeMinScore: 1,
  causeMinMargin: 0,
  crossAxisWeight: 0,
  baseRateWeight: 1,
  minExistentialScore: 3,
  causeTitleWeight: 2,
  modelWeight: 1.5,
};

/** Weight of the correlation prior (TAXONOMY.md: misuse is usually enabled, loss of control usually system). */
export const CORRELATION_PRIOR_WEIGHT = 1.5;
/** Weight given to `general` when the text shows an incident but no decisive existential evidence. */
export const DEFAULT_GENERAL_WEIGHT = 2;
/** `existential` needs at least this score by default (DEFAULT_TUNING.minExistentialScore). */
export const MIN_EXISTENTIAL_SCORE = DEFAULT_TUNING.minExistentialScore;
/**
 * A filing with at least this many letters (any script) is taken to describe an incident even when no
 * lexicon term matched, so it gets the default `general` magnitude.
 */
export const MIN_DESCRIPTIVE_LETTERS = 24;
/** Each further match of the same lexicon entry on an axis counts this factor times the previous one. */
export const REPEAT_DECAY = 0.5;

const EVIDENCE_FIELDS: readonly EvidenceField[] = ['title', 'description', 'harmDescription'];
const LETTER = /^\p{L}$/u;

const CORRELATED_SOURCE: Record<Mechanism, RiskSource> = { misuse: 'enabled', loss_of_control: 'system' };
const CORRELATED_MECHANISM: Record<RiskSource, Mechanism> = { enabled: 'misuse', system: 'loss_of_control' };

/**
 * Classifies a filed incident on the three axes of TAXONOMY.md (mechanism, magnitude, source) with a
 * weighted bilingual lexicon (incident-lexicon.ts) matched on normalised text (normalize-text.ts).
 *
 * Per axis: text matches and the `sector` field vote with weights and `decideAxis` picks the label
 * (threshold, margin and confidence formula documented there). Then, only for an axis with no direct
 * evidence at all, the correlation hint of TAXONOMY.md acts as a weak prior from the other axis's
 * evidence-based label (misuse → enabled, loss_of_control → system, and back), recorded as a
 * FieldEvidence whose `field` is the other axis. Since 0.5.0 the cause axes (mechanism, source) follow
 * `tuning` (default `DEFAULT_TUNING`): their title matches weigh `causeTitleWeight` times more, and when any
 * lexicon term matched, the more frequent label gets a `baseRate` FieldEvidence of `baseRateWeight`, so they are
 * `undetermined` only for a text without any lexicon match. Since 0.8.0 a statistical model (cause-model.ts: logistic
 * regression over n-grams, trained on the dev split by `npm run train:classifier`) adds its vote on mechanism and source,
 * `tuning.modelWeight` × its capped logit, under the same condition as the base rate (a lexicon term matched) and not on
 * mostly Chinese text, as PhraseEvidence on the n-grams that pushed it (`term` = `model:<n-gram>`). Magnitude: `existential` needs a score of at least
 * `tuning.minExistentialScore` (default `MIN_EXISTENTIAL_SCORE`); when existential evidence stays below that and the text matched any lexicon
 * term or has at least `MIN_DESCRIPTIVE_LETTERS` letters, `general` gets `DEFAULT_GENERAL_WEIGHT`
 * (FieldEvidence `existentialEvidence` = `none` or `insufficient`): most real incidents are general. Since 0.7.0 a red-line
 * flag on TAXONOMY.md's existential list (not an autonomous cyberattack) adds `RED_LINE_EXISTENTIAL_WEIGHT` to
 * `existential` (FieldEvidence `redLineFlags` = the flag). Since 0.8.0 (context-rules.ts, `votesInContext`): a report about
 * fiction (an AI going rogue in a film, novel, series or game) keeps its cause votes only up to FICTION_CAUSE_CAP per
 * label, drops existential votes and red-line cues, and so goes to review without an alarm; a jailbreak decides the
 * mechanism of its sentence (loss_of_control); a refusal ("refused to provide", 拒绝提供) negates to the end of its clause.
 * Since 0.8.1 (false alarms of a trial): a request the model refused ("asked the chatbot for sarin; the model refused")
 * is negated (context-rules.ts `isRefusedRequest`); lexicon matches inside a game's or film's title ("the game 'Rogue AI
 * Uprising'") do not count (`workTitleSpans`); a comparison ("reminiscent of the film") is not fiction (`notCompared`); an
 * AI agent deleting its user's data votes loss_of_control + system only where an AI is the actor (`isAiActing`).
 *
 * Since 0.2.0 also: harm types, sector, lifecycle stage, severity, red-line flags, urgency, OECD incident
 * versus hazard and the EU AI Act category with its Art. 73 deadline, from a second, separately matched
 * lexicon (facet-lexicon.ts; rules in classify-facets.ts), and the filer's `proposedLabels` with the axes
 * where they disagree (proposals never change the labels).
 *
 * Evidence offsets index the original field strings (`input[field].slice(start, end) === text`).
 * The lexicon's evidence is sorted by field (title, description, harmDescription), then start, end, label, term; the
 * model's evidence (in text order, may overlap lexicon matches) and field evidence follow it. `model` defaults to the
 * shipped CAUSE_MODEL; the cross-validation passes models trained on other folds. `input.language` is not needed: both lexicons always apply.
 * Pure, deterministic, never throws for any string content; linear in the text length.
 */
export function classifyIncident(input: ClassifierInput, tuning: ClassifierTuning = DEFAULT_TUNING, model: CauseModel = CAUSE_MODEL): CompleteIncidentClassification {
  const fields = normalizeFields(input);
  const vulnerabilityReport = reportsVulnerability(fields);
  const fictionReport = reportsFiction(fields);
  const filing: FilingContext = { vulnerabilityReport, fictionReport };
  const phrases = findPhraseEvidence(fields, tuning.causeTitleWeight, filing);
  const sectorEvidence = findSectorEvidence(input);
  const direct = (axis: Axis): Evidence[] => [
    ...phrases.filter((item) => item.axis === axis).map((item) => item.evidence),
    ...sectorEvidence.filter((item) => item.axis === axis).map((item) => item.evidence),
  ];
  const incidentDescribed = phrases.length > 0 || describesIncident(input);

  const causeEvidence = causeEvidenceFrom(phrases, sectorEvidence, fictionReport, filing.negatedAct === true);
  const modelScore = (tuning.modelWeight ?? 0) > 0 && causeEvidence.modelMayVote ? scoreCauseModel(model, fields) : undefined;
  const { mechanism, source } = decideCauseAxes(causeEvidence, tuning, model, modelScore);

  const facetMatches = findFacetMatches(fields);
  const redLineFlags = detectRedLines(facetMatches, vulnerabilityReport, fictionReport);
  const magnitudeEvidence = [...direct('magnitude'), ...existentialRedLineEvidence(redLineFlags)];
  const existentialScore = magnitudeEvidence.reduce(
    (sum, item) => (item.supports === 'existential' ? sum + item.weight : sum),
    0,
  );
  if (existentialScore < tuning.minExistentialScore && incidentDescribed) {
    magnitudeEvidence.push({
      kind: 'field',
      field: 'existentialEvidence',
      value: existentialScore === 0 ? 'none' : 'insufficient',
      supports: 'general',
      weight: DEFAULT_GENERAL_WEIGHT,
    });
  }
  const magnitude = decideAxis(MAGNITUDES, magnitudeEvidence, { existential: tuning.minExistentialScore });

  const oecd = decideOecd(facetMatches);
  const factualMatches = withoutFictionalHarm(facetMatches, fictionReport);
  const textHarms = detectHarmTypes(factualMatches, [], EMPTY_SEVERITY).map((item) => item.type);
  const severity = estimateSeverity(
    { fields, matches: factualMatches, redLines: redLineFlags, magnitude: magnitude.label, oecd: oecd.label, describesIncident: incidentDescribed, fictionReport },
    textHarms,
  );
  const harmTypes = detectHarmTypes(factualMatches, redLineFlags, severity);
  const labels = { mechanism: mechanism.label, magnitude: magnitude.label, source: source.label };
  const proposedLabels = proposalsOf(input);
  return capEvidence({
    classifierVersion: CLASSIFIER_VERSION,
    mechanism,
    magnitude,
    source,
    harmTypes,
    sector: decideSector(facetMatches, fieldOf(input, 'sector')),
    lifecycleStage: decideLifecycle(facetMatches),
    severity,
    redLineFlags,
    urgency: decideUrgency(redLineFlags, magnitude.label, severity),
    oecd,
    euAiAct: decideEuAiAct(harmTypes, severity, oecd.label, factualMatches),
    proposedLabels,
    disagreements: AXES.filter((axis) => {
      const proposal = proposedLabels[axis];
      return proposal !== undefined && proposal !== UNDETERMINED && labels[axis] !== UNDETERMINED && proposal !== labels[axis];
    }),
  });
}

/**
 * The lexicon's evidence on the cause axes (text matches and the `sector` field), whether any lexicon term matched
 * (the base rate's condition) and whether the statistical model may vote: a lexicon term matched outside a fiction
 * frame and the filing is not a report about fiction (0.8.0). The model has never seen fiction (the dev split holds
 * none) and reads a rogue game AI as loss of control with confidence; the fiction rule's cap (FICTION_CAUSE_CAP) would
 * otherwise be outvoted and the report skip review.
 */
export interface CauseEvidence {
  readonly mechanism: Evidence[];
  readonly source: Evidence[];
  readonly lexiconMatched: boolean;
  readonly modelMayVote: boolean;
}

/**
 * The cause-axis decision of `classifyIncident` from the lexicon's evidence and, when `tuning.modelWeight` > 0, the
 * model's score of the same text (`scoreCauseModel`; undefined = no model vote). Exported for the cross-validation
 * (scripts/eval/cross-validate.ts), which scores many tunings and fold models on the same texts: it gives exactly
 * the labels, confidences and evidence `classifyIncident` gives.
 */
export function decideCauseAxes(
  cause: CauseEvidence,
  tuning: ClassifierTuning,
  model: CauseModel,
  modelScore: CauseModelScore | undefined,
): { mechanism: AxisResult<Mechanism>; source: AxisResult<RiskSource> } {
  const causeMinScore = { loss_of_control: tuning.causeMinScore, misuse: tuning.causeMinScore, system: tuning.causeMinScore, enabled: tuning.causeMinScore };
  const mechanismByEvidence = decideAxis(MECHANISMS, cause.mechanism, causeMinScore, tuning.causeMinMargin);
  const sourceByEvidence = decideAxis(RISK_SOURCES, cause.source, causeMinScore, tuning.causeMinMargin);
  const decideCause = <L extends string>(
    axis: CauseAxis,
    labels: readonly [L, L],
    otherAxis: Axis,
    otherByEvidence: AxisResult<string>,
    correlated: Record<string, L>,
  ): AxisResult<L> => {
    const own = cause[axis];
    const otherEvidence = cause[axis === 'mechanism' ? 'source' : 'mechanism'];
    const minScore = { [labels[0]]: tuning.causeMinScore, [labels[1]]: tuning.causeMinScore } as Partial<Record<L, number>>;
    // The model votes only where the lexicon matched outside fiction (CauseEvidence.modelMayVote): a text without any
    // lexicon match stays for review, as does a report about fiction.
    const modelVote = modelScore === undefined || !cause.modelMayVote ? [] : causeModelEvidence(model, axis, modelScore, tuning.modelWeight ?? 0);
    if (own.length === 0 && otherByEvidence.label !== UNDETERMINED) {
      const priorEvidence = prior(otherAxis, otherByEvidence.label, correlated[otherByEvidence.label] ?? labels[0]);
      return decideAxis(labels, [...modelVote, priorEvidence], minScore, tuning.causeMinMargin);
    }
    const extra: Evidence[] = [...modelVote];
    const cross = crossAxisEvidence(otherAxis, otherEvidence, correlated, tuning.crossAxisWeight);
    if (own.length > 0 && cross !== undefined) extra.push(cross);
    if (cause.lexiconMatched && tuning.baseRateWeight > 0) {
      extra.push({ kind: 'field', field: 'baseRate', value: labels[0], supports: labels[0], weight: tuning.baseRateWeight });
    }
    return decideAxis(labels, extra.length === 0 ? own : [...own, ...extra], minScore, tuning.causeMinMargin);
  };
  return {
    mechanism: decideCause('mechanism', MECHANISMS, 'source', sourceByEvidence, CORRELATED_MECHANISM),
    source: decideCause('source', RISK_SOURCES, 'mechanism', mechanismByEvidence, CORRELATED_SOURCE),
  };
}

/** Normalised fields of `input` as the classifier and the cause model read them (for the cross-validation). */
export function modelFieldsOf(input: ClassifierInput): ModelField[] {
  return normalizeFields(input);
}

/** The lexicon's cause-axis evidence for `input` as `classifyIncident` finds it with this title weight (for the cross-validation). */
export function causeEvidenceOf(input: ClassifierInput, causeTitleWeight: number): CauseEvidence {
  const fields = normalizeFields(input);
  const fictionReport = reportsFiction(fields);
  const filing: FilingContext = { vulnerabilityReport: reportsVulnerability(fields), fictionReport };
  const phrases = findPhraseEvidence(fields, causeTitleWeight, filing);
  return causeEvidenceFrom(phrases, findSectorEvidence(input), fictionReport, filing.negatedAct === true);
}

// Since 0.8.2 the model does not vote where the only AI act the lexicon found is negated ("the AI assistant did not
// delete any files") and no other phrase votes on mechanism: the model reads "delete" as loss of control whatever stands before it.
function causeEvidenceFrom(phrases: readonly AxisEvidence[], sectorEvidence: readonly AxisEvidence[], fictionReport: () => boolean, negatedAct = false): CauseEvidence {
  const direct = (axis: Axis): Evidence[] => [
    ...phrases.filter((item) => item.axis === axis).map((item) => item.evidence),
    ...sectorEvidence.filter((item) => item.axis === axis).map((item) => item.evidence),
  ];
  const lexiconMatched = phrases.length > 0;
  const onlyNegatedAct = negatedAct && !phrases.some((item) => item.axis === 'mechanism');
  const modelMayVote = lexiconMatched && !onlyNegatedAct && phrases.some((item) => item.fictional !== true) && !fictionReport();
  return { mechanism: direct('mechanism'), source: direct('source'), lexiconMatched, modelMayVote };
}

/** Evidence items kept per list; the scores were computed from all of them before the cut. */
export const MAX_EVIDENCE_PER_LIST = 20;

/**
 * Keeps at most MAX_EVIDENCE_PER_LIST items of every `evidence` list in the result (the first ones, in text order)
 * and records how many were left out as `omittedEvidence` beside it. Bounds the stored and transmitted result:
 * a 10,000-character text repeating one term would otherwise yield thousands of items (megabytes of JSON).
 */
function capEvidence(result: CompleteIncidentClassification): CompleteIncidentClassification {
  return {
    ...result,
    mechanism: capList(result.mechanism),
    magnitude: capList(result.magnitude),
    source: capList(result.source),
    harmTypes: result.harmTypes.map(capList),
    sector: capList(result.sector),
    lifecycleStage: capList(result.lifecycleStage),
    severity: capList(result.severity),
    redLineFlags: result.redLineFlags.map(capList),
    oecd: capList(result.oecd),
    euAiAct: capList(result.euAiAct),
  };
}

// `evidence` is the last key of every holder, so `omittedEvidence` follows it in the stored JSON.
function capList<T extends { evidence: Evidence[] }>(holder: T): T {
  if (holder.evidence.length <= MAX_EVIDENCE_PER_LIST) return holder;
  return { ...holder, evidence: holder.evidence.slice(0, MAX_EVIDENCE_PER_LIST), omittedEvidence: holder.evidence.length - MAX_EVIDENCE_PER_LIST };
}

const EMPTY_SEVERITY: SeverityResult = { label: UNDETERMINED, deaths: null, injuries: null, financialLossUsd: null, evidence: [] };

// Only the three axes and string values survive: the result is stored as JSON and must stay well-formed.
function proposalsOf(input: ClassifierInput): Partial<Record<Axis, string>> {
  const raw = fieldOf(input, 'proposedLabels');
  if (typeof raw !== 'object' || raw === null) return {};
  const proposals: Partial<Record<Axis, string>> = {};
  for (const axis of AXES) {
    const value = (raw as Record<string, unknown>)[axis];
    if (typeof value === 'string' && Object.hasOwn(raw, axis)) proposals[axis] = value;
  }
  return proposals;
}

function normalizeFields(input: ClassifierInput): NormalizedField[] {
  return EVIDENCE_FIELDS.flatMap((field) => {
    const original = textOf(input, field);
    if (original.length === 0) return [];
    const normalized = normalizeText(original);
    return [{ field, original, normalized, matches: matchField(normalized.text) }];
  });
}

interface AxisEvidence {
  axis: Axis;
  evidence: Evidence;
  /** A cause vote from a match in a fiction frame (`votesInContext`), capped by FICTION_CAUSE_CAP. */
  fictional?: boolean;
}

/** Filing-level facts the structural rules read, each computed on first use (classify-facets.ts). */
interface FilingContext {
  readonly vulnerabilityReport: () => boolean;
  readonly fictionReport: () => boolean;
  /** Set by `votesInContext` when an AI's act (`onlyWithAiActor`) is negated: "the AI assistant did not delete any files" (0.8.2). */
  negatedAct?: boolean;
}

/**
 * All mechanism or source votes for one label from matches in a fiction frame (0.8.0, `votesInContext`) together weigh
 * at most this: below the base rate (DEFAULT_TUNING.baseRateWeight), so a report about fiction keeps the lexicon's
 * reading as a hint, and when nothing outside the frame votes its confidence is at most 1 − exp(−1.5 / 2.5) ≈ 0.45
 * (decide-axis.ts), below REVIEW_CONFIDENCE_THRESHOLD's default 0.6: it goes to review.
 */
export const FICTION_CAUSE_CAP = 0.5;

function findPhraseEvidence(fields: readonly NormalizedField[], causeTitleWeight: number, filing: FilingContext): AxisEvidence[] {
  const found: { axis: Axis; fieldIndex: number; entry: LexiconEntry; evidence: PhraseEvidence; fictional: boolean }[] = [];
  fields.forEach((normalizedField) => {
    const { field, original, normalized, matches } = normalizedField;
    const fieldIndex = EVIDENCE_FIELDS.indexOf(field);
    for (const match of matches.axis) {
      const [start, end] = toSourceRange(normalized, match.start, match.end);
      const { votes, fictional } = votesInContext(normalizedField, match.entry, match, filing);
      for (const axis of AXES) {
        const vote = votes[axis];
        if (vote === undefined || vote.weight <= 0) continue;
        const evidence: PhraseEvidence = {
          kind: 'phrase',
          field,
          start,
          end,
          text: original.slice(start, end),
          term: match.term,
          supports: vote.label,
          weight: field === 'title' && axis !== 'magnitude' ? vote.weight * causeTitleWeight : vote.weight,
        };
        found.push({ axis, fieldIndex, entry: match.entry, evidence, fictional });
      }
    }
  });
  found.sort(
    (a, b) =>
      a.fieldIndex - b.fieldIndex ||
      a.evidence.start - b.evidence.start ||
      a.evidence.end - b.evidence.end ||
      compareCodeUnits(a.evidence.supports, b.evidence.supports) ||
      compareCodeUnits(a.evidence.term, b.evidence.term),
  );
  // Repeats of one concept add less and less, so a long text that names it ten times cannot drown
  // every other cue: the k-th match (k = 0, 1, ...) of an entry on an axis weighs REPEAT_DECAY^k.
  const seen: Record<Axis, Map<LexiconEntry, number>> = { mechanism: new Map(), magnitude: new Map(), source: new Map() };
  const fictionLeft = new Map<string, number>();
  return found.map(({ axis, entry, evidence, fictional }) => {
    const repeats = seen[axis].get(entry) ?? 0;
    seen[axis].set(entry, repeats + 1);
    // `evidence` was created above for this call only.
    evidence.weight *= REPEAT_DECAY ** repeats;
    if (fictional && axis !== 'magnitude') {
      const key = `${axis}:${evidence.supports}`;
      const left = fictionLeft.get(key) ?? FICTION_CAUSE_CAP;
      evidence.weight = Math.min(evidence.weight, left);
      fictionLeft.set(key, left - evidence.weight);
    }
    return { axis, evidence, fictional };
  });
}

/**
 * The structural rules of 0.6.0 (context-rules.ts) on the axis lexicon. Since 0.8.0 any entry with a mechanism or source
 * vote in a fiction frame (classify-facets.ts `inFictionFrame`: "Videogame AI goes rogue", 科幻电影中失控的AI, or anywhere
 * in a filing that opens so) is `fictional`: its cause votes are capped by `findPhraseEvidence` (FICTION_CAUSE_CAP) and its
 * existential vote dropped. A story about an AI is not an AI incident (TAXONOMY.md defines every axis on harm that
 * arose), but a lexicon cannot tell a plot summary from a real game's defect, so it goes to review rather than away.
 * An entry that votes `existential`:
 * negated ("no evidence of self-replication") → no votes at all; in a game, film or novel, with the AI as the target of
 * the act ("a hacker compromised the AI bot"), or a containment escape in a filing that reports a software vulnerability
 * (CVE, exploit code: "the sandbox escape is a bug in the container runtime") → its existential vote is dropped. An entry that votes `misuse`
 * with an AI noun as the subject of its verb ("the AI agent blackmails its supervisor", 智能体勒索) → its misuse vote
 * counts for `loss_of_control` and its `enabled` vote for `system`: the system, not a person directing it, did the act.
 * Since 0.8.0 an entry that votes `misuse` in the sentence of a (not negated) jailbreak term (`inJailbreakSentence`)
 * votes `loss_of_control` instead, its source vote unchanged (TAXONOMY.md's jailbreak rule: loss_of_control + enabled).
 * Since 0.8.1 an entry marked `onlyWithAiActor` (an agent deleting its user's files) votes only where an AI is the actor
 * of the act and it is not negated (context-rules.ts `isAiActing`), else not at all.
 * The fiction check needs the context pass only where a fiction-frame literal stands in the sentence (field-matches.ts
 * group `frame`); the other rules check only entries with those votes, so they cost nothing on other matches.
 */
function votesInContext(field: NormalizedField, entry: LexiconEntry, match: { start: number; end: number }, filing: FilingContext): { votes: Votes; fictional: boolean } {
  if (entry.onlyWithAiActor === true) {
    if (!isAiActing(contextOf(field), match)) return { votes: NO_VOTES, fictional: false };
    if (isNegated(contextOf(field), match)) {
      filing.negatedAct = true;
      return { votes: NO_VOTES, fictional: false };
    }
  }
  const fictional = (entry.votes.mechanism !== undefined || entry.votes.source !== undefined) && inFictionFrame(field, match, filing.fictionReport);
  const jailbroken = entry.votes.mechanism?.label === 'misuse' && inJailbreakSentence(field, match);
  const votes: Votes = jailbroken ? { ...entry.votes, mechanism: { label: 'loss_of_control', weight: entry.votes.mechanism?.weight ?? 0 } } : entry.votes;
  const existential = votes.magnitude?.label === 'existential';
  const misuse = votes.mechanism?.label === 'misuse';
  if (!existential && (!misuse || !mayHaveAiSubject(field.normalized.text, match.start))) return { votes, fictional };
  const context = contextOf(field);
  if (existential) {
    if (isNegated(context, match)) return { votes: NO_VOTES, fictional: false };
    if (isHypothetical(context, match)) {
      const { magnitude: _supposed, ...rest } = votes;
      return { votes: rest, fictional };
    }
    if (fictional || inFiction(field, match, filing.fictionReport) || isAiTarget(context, match) || (entry.id === 'containment_escape' && filing.vulnerabilityReport())) {
      const { magnitude: _dropped, ...rest } = votes;
      return { votes: rest, fictional };
    }
  }
  if (misuse && hasAiSubject(context, match)) {
    const flipped: { -readonly [A in keyof Votes]: Votes[A] } = { ...votes, mechanism: { label: 'loss_of_control', weight: votes.mechanism?.weight ?? 0 } };
    if (votes.source?.label === 'enabled') flipped.source = { label: 'system', weight: votes.source.weight };
    return { votes: flipped, fictional };
  }
  return { votes, fictional };
}

const NO_VOTES: Votes = {};

/**
 * A jailbreak term (incident-lexicon.ts entry `jailbreak`), not negated, stands in the sentence of `match` (0.8.0). Then
 * the misuse words of that sentence ("criminals jailbreak a chatbot to write phishing emails") name what the jailbreaker
 * obtained, and by TAXONOMY.md's jailbreak rule (Source axis; LABELLING.md §1) the mechanism is loss_of_control: their
 * mechanism votes count for it, their source votes (enabled) stand. Other sentences keep their votes: a market for
 * purpose-built malicious models that mentions jailbreaking in passing stays misuse (dev row aiid:736).
 */
function inJailbreakSentence(field: NormalizedField, match: { start: number; end: number }): boolean {
  const jailbreaks = field.matches.axis.filter((other) => other.entry.id === 'jailbreak');
  if (jailbreaks.length === 0) return false;
  const { text } = field.normalized;
  const [start, end] = [unitStart(text, match.start), unitEnd(text, match.end)];
  return jailbreaks.some((other) => other.start >= start && other.end <= end && !isNegated(contextOf(field), other));
}

/**
 * Red lines that are themselves on TAXONOMY.md's existential list (0.7.0): weapons-of-mass-destruction uplift and loss of
 * control over a capable system (self-replication, power seeking and shutdown evasion, deceiving overseers). An
 * autonomous cyberattack is not: a human-run autonomous campaign is bounded harm (LABELLING.md), flagged but general.
 */
const EXISTENTIAL_RED_LINES: ReadonlySet<RedLineFlag> = new Set(['wmd_assistance', 'autonomous_self_replication', 'power_seeking', 'deception_of_overseers']);
/** Weight of one such red line on magnitude: decisive on the lexicon's scale, above the default existential threshold. */
export const RED_LINE_EXISTENTIAL_WEIGHT = 4;

/** Magnitude evidence from the red-line flags (FieldEvidence `redLineFlags` = the flag), one per existential red line. */
function existentialRedLineEvidence(flags: readonly RedLineResult[]): FieldEvidence[] {
  return flags
    .filter(({ flag }) => EXISTENTIAL_RED_LINES.has(flag))
    .map(({ flag }) => ({ kind: 'field', field: 'redLineFlags', value: flag, supports: 'existential', weight: RED_LINE_EXISTENTIAL_WEIGHT }));
}

function describesIncident(input: ClassifierInput): boolean {
  let letters = 0;
  for (const field of EVIDENCE_FIELDS) {
    for (const char of textOf(input, field)) {
      if (LETTER.test(char)) letters += 1;
      if (letters >= MIN_DESCRIPTIVE_LETTERS) return true;
    }
  }
  return false;
}

function findSectorEvidence(input: ClassifierInput): AxisEvidence[] {
  const sector = fieldOf(input, 'sector');
  if (typeof sector !== 'string' || !Object.hasOwn(SECTOR_VOTES, sector)) return [];
  const votes: Votes = SECTOR_VOTES[sector as keyof typeof SECTOR_VOTES] ?? {};
  return AXES.flatMap((axis) => {
    const vote = votes[axis];
    if (vote === undefined) return [];
    const evidence: FieldEvidence = { kind: 'field', field: 'sector', value: sector, supports: vote.label, weight: vote.weight };
    return [{ axis, evidence }];
  });
}

/**
 * The cross-axis term of the joint cause decision: `weight` × (leading − other score) of the other axis's text
 * evidence, for the label correlated with the leading one; undefined when that is 0.
 */
function crossAxisEvidence<L extends string>(otherAxis: Axis, otherEvidence: readonly Evidence[], correlated: Record<string, L>, weight: number): FieldEvidence | undefined {
  if (weight <= 0) return undefined;
  const scores = new Map<string, number>();
  for (const item of otherEvidence) scores.set(item.supports, (scores.get(item.supports) ?? 0) + item.weight);
  const [[top, topScore] = ['', 0], [, otherScore] = ['', 0]] = [...scores].sort((a, b) => b[1] - a[1] || compareCodeUnits(a[0], b[0]));
  const net = Math.round(weight * (topScore - otherScore) * 1000) / 1000;
  const supports = correlated[top];
  if (net <= 0 || supports === undefined) return undefined;
  return { kind: 'field', field: otherAxis, value: top, supports, weight: net };
}

function prior(field: Axis, value: string, supports: string): FieldEvidence {
  return { kind: 'field', field, value, supports, weight: CORRELATION_PRIOR_WEIGHT };
}

function textOf(input: ClassifierInput, field: EvidenceField): string {
  const value = fieldOf(input, field);
  return typeof value === 'string' ? value : '';
}

// The app validates its DTOs, but the classifier must not throw on a malformed record read back
// from storage or a partner feed: a missing input or a non-string field reads as empty.
function fieldOf(input: unknown, key: keyof ClassifierInput): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
}
