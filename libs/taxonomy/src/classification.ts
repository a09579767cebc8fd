import type {
  Axis,
  EuAiActCategory,
  HarmType,
  Magnitude,
  Mechanism,
  NIST_LIFECYCLE_STAGES,
  OecdEventType,
  PAPER_LIFECYCLE_STAGES,
  RedLineFlag,
  RiskSource,
  Sector,
  Severity,
  Undetermined,
  Urgency,
} from './vocabulary.js';

/** A text field of the filed incident that evidence can point into. */
export type EvidenceField = 'title' | 'description' | 'harmDescription';

/**
 * One lexicon match that supports a label.
 * `start`/`end` are UTF-16 code-unit offsets into the ORIGINAL (un-normalised) field text, end exclusive,
 * so `input[field].slice(start, end) === text`.
 */
export interface PhraseEvidence {
  kind: 'phrase';
  field: EvidenceField;
  start: number;
  end: number;
  text: string;
  /**
   * The lexicon term (normalised form) that matched; for the statistical cause model's evidence (0.8.0, cause-model.ts)
   * `model:` and the n-gram (e.g. `model:prompted grok`), whose weight is its share of the model's vote.
   */
  term: string;
  /** The label this match votes for. */
  supports: string;
  /** Weight the match added to that label's score. */
  weight: number;
}

/**
 * A structured field of the filing, or a derived fact, used as evidence: `sector` = military; `baseRate`; the other cause
 * axis (`mechanism`, `source`); `existentialEvidence`; `redLineFlags`; `model` = `bias` (the cause model's vote when no
 * n-gram pushed its way, 0.8.0).
 */
export interface FieldEvidence {
  kind: 'field';
  field: string;
  value: string;
  supports: string;
  weight: number;
}

export type Evidence = PhraseEvidence | FieldEvidence;

/** The result on one axis: a label or `undetermined`, a confidence in [0, 1], and the evidence. */
export interface AxisResult<L extends string> {
  label: L | Undetermined;
  confidence: number;
  /** At most 20 items (MAX_EVIDENCE_PER_LIST), in text order. */
  evidence: Evidence[];
  /** How many further evidence items counted in the score but were left out of `evidence`. */
  omittedEvidence?: number;
}

/** What the classifier reads: the filed incident's text and structured fields. */
export interface ClassifierInput {
  title: string;
  description: string;
  harmDescription?: string;
  language?: 'en' | 'zh';
  sector?: Sector;
  aiSystemName?: string;
  /**
   * Labels the filer proposes per axis. Kept verbatim in the result (`proposedLabels`) and compared with the
   * classifier's labels (`disagreements`); they never change the classifier's own labels.
   */
  proposedLabels?: Partial<Record<Axis, string>>;
}

/** A harm type the text shows, with the phrases (and derived facts) that show it. */
export interface HarmTypeResult {
  type: HarmType;
  evidence: Evidence[];
}

/** Sector: the filer's `sector` when given (`source: 'filer'`), else the best-supported sector in the text. */
export interface SectorResult {
  label: Sector | Undetermined;
  source: 'filer' | 'text' | 'none';
  evidence: Evidence[];
}

export type PaperLifecycleStage = (typeof PAPER_LIFECYCLE_STAGES)[number];
export type NistLifecycleStage = (typeof NIST_LIFECYCLE_STAGES)[number];

/** Lifecycle stage in the paper's four stages and in NIST AI RMF's, each `undetermined` without cues. */
export interface LifecycleResult {
  paper: PaperLifecycleStage | Undetermined;
  nist: NistLifecycleStage | Undetermined;
  evidence: Evidence[];
}

/**
 * Severity estimate. `deaths`/`injuries` are the largest counts stated in the text (a death or injury
 * mentioned without a number counts as 1), `financialLossUsd` the largest money amount near a loss word,
 * converted to USD at fixed rough rates (severity-rules.ts); null when the text states none.
 */
export interface SeverityResult {
  label: Severity | Undetermined;
  deaths: number | null;
  injuries: number | null;
  financialLossUsd: number | null;
  evidence: Evidence[];
}

export interface RedLineResult {
  flag: RedLineFlag;
  evidence: Evidence[];
}

/** Urgency and the rule that produced it (TAXONOMY_VOCABULARY.urgencyRule). */
export interface UrgencyResult {
  label: Urgency;
  reason: 'red_line' | 'existential' | 'severity' | 'death' | 'default';
}

/**
 * EU AI Act Art. 3(49) serious-incident category the text suggests, and the Art. 73 reporting deadline it
 * implies: 10 days for a death (Art. 73(4)); 2 days for critical-infrastructure disruption or a widespread
 * infringement (Art. 73(3)); otherwise 15 days (Art. 73(2)). Null for a hazard or when no category applies.
 * The Act's duty covers high-risk AI systems only; the classifier does not decide that.
 */
export interface EuAiActResult {
  category: EuAiActCategory | null;
  /** Every category the text supports, most urgent first; `category` is the first. */
  categories: EuAiActCategory[];
  deadlineDays: 2 | 10 | 15 | null;
  legalBasis: string | null;
  widespread: boolean;
  evidence: Evidence[];
}

/**
 * A stored classification. The three axes and the version are always present; the fields added in 0.2.0 are
 * optional here because results stored by classifier 0.1.0 (which stay queryable) lack them, and other
 * libraries build this shape by hand. `classifyIncident` always fills every field: see
 * `CompleteIncidentClassification`.
 */
export interface IncidentClassification {
  classifierVersion: string;
  mechanism: AxisResult<Mechanism>;
  magnitude: AxisResult<Magnitude>;
  source: AxisResult<RiskSource>;
  /** In the order of HARM_TYPES. */
  harmTypes?: HarmTypeResult[];
  sector?: SectorResult;
  lifecycleStage?: LifecycleResult;
  severity?: SeverityResult;
  /** In the order of RED_LINE_FLAGS. */
  redLineFlags?: RedLineResult[];
  urgency?: UrgencyResult;
  /** OECD AI incident (harm occurred) versus AI hazard (harm could plausibly occur). */
  oecd?: AxisResult<OecdEventType>;
  euAiAct?: EuAiActResult;
  /** The filer's proposals, restricted to the three axes and string values. */
  proposedLabels?: Partial<Record<Axis, string>>;
  /** Axes (in AXES order) where a proposal differs from a determined classifier label. */
  disagreements?: Axis[];
}

/** What `classifyIncident` returns (classifier ≥ 0.2.0): every field filled. */
export type CompleteIncidentClassification = Required<IncidentClassification>;

export type AxisLabels = { [A in Axis]: IncidentClassification[A]['label'] };
