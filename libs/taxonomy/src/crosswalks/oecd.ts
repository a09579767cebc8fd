import type { IncidentClassification } from '../classification.js';
import type { HarmType } from '../vocabulary.js';
import { harmTypesOf, type CrosswalkIncident } from './classification-parts.js';

/** OECD AI Incidents Monitor harm types. */
export const OECD_HARM_TYPES = ['Physical', 'Psychological', 'Reputational', 'Economic/Property', 'Environmental', 'Human or fundamental rights', 'Public interest'] as const;
export type OecdHarmType = (typeof OECD_HARM_TYPES)[number];

export const OECD_HARM_BY_HARM: Record<HarmType, OecdHarmType[]> = {
  false_information: ['Public interest', 'Reputational'],
  deepfake: ['Reputational', 'Psychological'],
  privacy_infringement: ['Human or fundamental rights'],
  copyright_infringement: ['Economic/Property'],
  human_machine_relationship_disorder: ['Psychological'],
  job_displacement: ['Economic/Property'],
  unfair_distribution: ['Economic/Property', 'Public interest'],
  cyberattack: ['Economic/Property', 'Public interest'],
  hallucination: ['Public interest'],
  deceptive_behaviour: ['Public interest'],
  physical_harm: ['Physical'],
  financial_loss: ['Economic/Property'],
  discrimination: ['Human or fundamental rights'],
  fundamental_rights_violation: ['Human or fundamental rights'],
  critical_infrastructure_disruption: ['Public interest'],
  environmental_harm: ['Environmental'],
};

export interface OecdView {
  view: 'oecd';
  /** AI incident (harm occurred) or AI hazard (could plausibly occur); 'unknown' when undetermined. */
  type: 'incident' | 'hazard' | 'unknown';
  harmTypes: OecdHarmType[];
  severity: string;
  /** The mandatory criteria of the OECD common reporting framework we can fill. */
  report: { title: string | null; description: string | null; severity: string; harmTypes: OecdHarmType[] };
}

/** OECD view: incident/hazard from our OECD decision, harm types through OECD_HARM_BY_HARM (in OECD_HARM_TYPES order). */
export function toOecdView(classification: IncidentClassification, incident?: CrosswalkIncident): OecdView {
  const wanted = new Set(harmTypesOf(classification).flatMap((harm) => OECD_HARM_BY_HARM[harm]));
  const harmTypes = OECD_HARM_TYPES.filter((type) => wanted.has(type));
  const label = classification.oecd?.label;
  const severity = classification.severity?.label ?? 'undetermined';
  return {
    view: 'oecd',
    type: label === 'incident' || label === 'hazard' ? label : 'unknown',
    harmTypes,
    severity,
    report: { title: incident?.title ?? null, description: incident?.description ?? null, severity, harmTypes },
  };
}
