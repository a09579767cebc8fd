import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import {
  AXES,
  EU_AI_ACT_CATEGORIES,
  HARM_TYPES,
  MAGNITUDES,
  MAX_EVIDENCE_PER_LIST,
  MECHANISMS,
  NIST_LIFECYCLE_STAGES,
  OECD_EVENT_TYPES,
  PAPER_LIFECYCLE_STAGES,
  RED_LINE_FLAGS,
  RISK_SOURCES,
  SECTORS,
  SEVERITIES,
  UNDETERMINED,
  URGENCIES,
  type IncidentClassification,
} from '@app/taxonomy';
import { PLAIN_TEXT_PATTERN } from '../common/text-validators.js';

/** Longest classifier version stored (`incident_classifications.classifier_version`, `incident_search`: varchar(40)). */
export const MAX_CLASSIFIER_VERSION_LENGTH = 40;

const text = (maxLength: number, minLength = 0) => ({ type: 'string', minLength, maxLength, pattern: PLAIN_TEXT_PATTERN }) as const;
const label = (values: readonly string[]) => ({ enum: [...values, UNDETERMINED] });
const count = { type: ['integer', 'null'], minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const object = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
  // Members a later classifier adds are removed (never stored, never passed on), not refused: removeAdditional.
  additionalProperties: false,
});
const evidence = { type: 'array', maxItems: MAX_EVIDENCE_PER_LIST, items: { $ref: '#/$defs/Evidence' } } as const;
const axis = (values: readonly string[]) =>
  object(
    { label: label(values), confidence: { type: 'number', minimum: 0, maximum: 1 }, evidence, omittedEvidence: { type: 'integer', minimum: 0 } },
    ['label', 'confidence', 'evidence'],
  );
const AXIS_LABELS: Record<(typeof AXES)[number], readonly string[]> = { mechanism: MECHANISMS, magnitude: MAGNITUDES, source: RISK_SOURCES };
const axisReview = (values: readonly string[]) =>
  object({
    label: label(values),
    machineLabel: label(values),
    machineConfidence: { type: 'number', minimum: 0, maximum: 1 },
    reviewNumber: { type: 'integer', minimum: 1, maximum: 2147483647 },
    reviewedAt: { type: 'string', maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z$' },
  });

/**
 * JSON Schema (2020-12) of a stored classification (`IncidentClassification`, libs/taxonomy classification.ts, plus
 * `review` of a reviewed one, labels-in-force.ts): what our own classifier and review produce, with the taxonomy's
 * vocabularies (vocabulary.ts), shapes and numbers (confidences in [0, 1], counts ≥ 0, Art. 73 deadlines 2/10/15,
 * at most MAX_EVIDENCE_PER_LIST evidence items), every free text plain (text-validators.ts) and bounded. A peer's
 * `data.classification` must meet it before it is stored (peer-alert-content.ts); classification-contract.spec.ts
 * checks our classifier's output against it. Members of 0.2.0 and later are optional (results of 0.1.0 lack them).
 */
export const INCIDENT_CLASSIFICATION_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  ...object(
    {
      classifierVersion: text(MAX_CLASSIFIER_VERSION_LENGTH, 1),
      mechanism: axis(MECHANISMS),
      magnitude: axis(MAGNITUDES),
      source: axis(RISK_SOURCES),
      harmTypes: { type: 'array', maxItems: HARM_TYPES.length, items: object({ type: { enum: [...HARM_TYPES] }, evidence }) },
      sector: object({ label: label(SECTORS), source: { enum: ['filer', 'text', 'none'] }, evidence }),
      lifecycleStage: object({ paper: label(PAPER_LIFECYCLE_STAGES), nist: label(NIST_LIFECYCLE_STAGES), evidence }),
      severity: object({
        label: label(SEVERITIES),
        deaths: count,
        injuries: count,
        financialLossUsd: { type: ['number', 'null'], minimum: 0 },
        evidence,
      }),
      redLineFlags: { type: 'array', maxItems: RED_LINE_FLAGS.length, items: object({ flag: { enum: [...RED_LINE_FLAGS] }, evidence }) },
      urgency: object({ label: { enum: [...URGENCIES] }, reason: { enum: ['red_line', 'existential', 'severity', 'death', 'default'] } }),
      oecd: axis(OECD_EVENT_TYPES),
      euAiAct: object({
        category: { enum: [...EU_AI_ACT_CATEGORIES, null] },
        categories: { type: 'array', maxItems: EU_AI_ACT_CATEGORIES.length, items: { enum: [...EU_AI_ACT_CATEGORIES] } },
        deadlineDays: { enum: [2, 10, 15, null] },
        legalBasis: { ...text(500), type: ['string', 'null'] },
        widespread: { type: 'boolean' },
        evidence,
      }),
      proposedLabels: object(Object.fromEntries(AXES.map((name) => [name, label(AXIS_LABELS[name])])), []),
      disagreements: { type: 'array', maxItems: AXES.length, uniqueItems: true, items: { enum: [...AXES] } },
      review: object({
        reviewNumber: { type: 'integer', minimum: 1, maximum: 2147483647 },
        machineClassifierVersion: text(MAX_CLASSIFIER_VERSION_LENGTH, 1),
        axes: object(Object.fromEntries(AXES.map((name) => [name, axisReview(AXIS_LABELS[name])])), []),
      }),
    },
    ['classifierVersion', 'mechanism', 'magnitude', 'source'],
  ),
  $defs: {
    Evidence: {
      type: 'object',
      required: ['kind'],
      discriminator: { propertyName: 'kind' },
      oneOf: [
        object({
          kind: { const: 'phrase' },
          field: { enum: ['title', 'description', 'harmDescription'] },
          start: { type: 'integer', minimum: 0, maximum: 100_000 },
          end: { type: 'integer', minimum: 0, maximum: 100_000 },
          text: text(10_000),
          term: text(1000),
          supports: text(100),
          weight: { type: 'number' },
        }),
        object({ kind: { const: 'field' }, field: text(100), value: text(1000), supports: text(100), weight: { type: 'number' } }),
      ],
    },
  },
} as const;

/** One refused member of a classification, as a JSON path below the classification (`harmTypes.0.type`, `''` for itself). */
export interface ClassificationProblem {
  path: string;
  message: string;
}

let validator: ValidateFunction | undefined;

/**
 * Checks `value` against INCIDENT_CLASSIFICATION_SCHEMA. Returns the classification with members unknown to this
 * version removed (a later classifier's additions: never stored, never passed on) and no problems, or the problems
 * (at most 20, each naming a dotted path) and no classification. `value` itself is not changed.
 */
export function checkClassification(value: unknown): { classification?: IncidentClassification; problems: ClassificationProblem[] } {
  validator ??= new Ajv2020({ allErrors: true, allowUnionTypes: true, discriminator: true, removeAdditional: true, strictTuples: false }).compile(
    INCIDENT_CLASSIFICATION_SCHEMA,
  );
  const copy: unknown = structuredClone(value);
  if (validator(copy)) return { classification: copy as IncidentClassification, problems: [] };
  return { problems: toProblems(validator.errors ?? []).slice(0, 20) };
}

function toProblems(errors: ErrorObject[]): ClassificationProblem[] {
  const seen = new Set<string>();
  const problems: ClassificationProblem[] = [];
  for (const error of errors) {
    const params = error.params as Record<string, unknown>;
    const segments = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      segments.push(String(params.missingProperty));
      message = 'is required';
    } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      message = `must be one of ${params.allowedValues.map((allowed) => JSON.stringify(allowed)).join(', ')}`;
    } else if (error.keyword === 'pattern') {
      message = 'must be plain text (no control characters, bidirectional overrides or unpaired surrogates)';
    }
    const path = segments.join('.');
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, message });
  }
  return problems;
}
