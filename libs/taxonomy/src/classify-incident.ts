import type { ClassifierInput, IncidentClassification } from './classification.js';

export const CLASSIFIER_VERSION = '0.0.0';

/** Placeholder until the lexicon classifier lands. */
export function classifyIncident(_input: ClassifierInput): IncidentClassification {
  const none = { label: 'undetermined' as const, confidence: 0, evidence: [] };
  return { classifierVersion: CLASSIFIER_VERSION, mechanism: none, magnitude: none, source: none };
}
