import type { Axis, Magnitude, Mechanism, RiskSource, Sector, Undetermined } from './vocabulary.js';

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
  /** The lexicon term (normalised form) that matched. */
  term: string;
  /** The label this match votes for. */
  supports: string;
  /** Weight the match added to that label's score. */
  weight: number;
}

/** A structured field of the filing used as evidence (e.g. sector = military). */
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
  evidence: Evidence[];
}

/** What the classifier reads: the filed incident's text and structured fields. */
export interface ClassifierInput {
  title: string;
  description: string;
  harmDescription?: string;
  language?: 'en' | 'zh';
  sector?: Sector;
  aiSystemName?: string;
}

/** Output of `classifyIncident`; serialisable as JSON and stored with the incident. */
export interface IncidentClassification {
  classifierVersion: string;
  mechanism: AxisResult<Mechanism>;
  magnitude: AxisResult<Magnitude>;
  source: AxisResult<RiskSource>;
}

export type AxisLabels = { [A in Axis]: IncidentClassification[A]['label'] };
