import type { IncidentClassification } from '../classification.js';
import type { HarmType, RedLineFlag } from '../vocabulary.js';

/** Harm types of a classification; empty for a result stored by classifier 0.1.0. */
export function harmTypesOf(classification: IncidentClassification): HarmType[] {
  return (classification.harmTypes ?? []).map((item) => item.type);
}

/** Red-line flags of a classification; empty for a result stored by classifier 0.1.0. */
export function redLinesOf(classification: IncidentClassification): RedLineFlag[] {
  return (classification.redLineFlags ?? []).map((item) => item.flag);
}

/** The filed incident's text fields a view may echo (OECD reporting framework: title and description). */
export interface CrosswalkIncident {
  id?: string;
  title?: string;
  description?: string;
}
