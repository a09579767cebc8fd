import type { IncidentClassification } from '../classification.js';
import type { HarmType, Sector } from '../vocabulary.js';
import { harmTypesOf, redLinesOf } from './classification-parts.js';

/** CSET AI Harm Taxonomy v1 "Sector of Deployment" (ISIC-based) for each of our sectors; null where none fits. */
export const CSET_SECTOR_OF_DEPLOYMENT: Record<Sector, string | null> = {
  biometrics: null,
  autonomous_driving: 'transportation and storage',
  healthcare: 'human health and social work activities',
  finance: 'financial and insurance activities',
  industry: 'manufacturing',
  education: 'Education',
  e_commerce: 'wholesale and retail trade',
  transport: 'transportation and storage',
  public_services: 'public administration',
  military: 'defense',
  media: 'information and communication',
  other: null,
};

/** Harm types CSET counts as tangible (physical, financial, property, infrastructure, environment). */
export const CSET_TANGIBLE_HARMS: readonly HarmType[] = ['physical_harm', 'financial_loss', 'critical_infrastructure_disruption', 'environmental_harm'];

export interface CsetView {
  view: 'cset';
  tangibleHarm: string;
  aiHarmLevel: string;
  intentionalHarm: string;
  livesLost: number | 'unknown';
  injuries: number | 'unknown';
  sectorOfDeployment: string;
  autonomyLevel: string;
}

/**
 * CSET fields we can honestly derive; everything else is 'unknown'. Tangible Harm and AI Harm Level need
 * harm that occurred (OECD `incident`) with a tangible harm type; a hazard could be CSET's near-miss or issue,
 * which we cannot tell apart. Intentional Harm asks whether the AI was designed to harm: only
 * `loss_of_control` answers it ("No"); misuse of a general tool does not. Autonomy1 only on red lines that
 * describe an AI acting on its own (power seeking, self-replication, deception, autonomous cyberattack).
 */
export function toCsetView(classification: IncidentClassification): CsetView {
  const harms = harmTypesOf(classification);
  const tangible = harms.some((harm) => CSET_TANGIBLE_HARMS.includes(harm));
  const occurred = classification.oecd?.label === 'incident';
  const tangibleHarm = occurred
    ? tangible
      ? 'tangible harm definitively occurred'
      : 'no tangible harm, near-miss, or issue'
    : 'unknown';
  const sector = classification.sector?.label;
  const autonomous = redLinesOf(classification).some((flag) => flag !== 'wmd_assistance');
  return {
    view: 'cset',
    tangibleHarm,
    aiHarmLevel: tangibleHarm === 'tangible harm definitively occurred' ? 'AI tangible harm event' : tangibleHarm === 'unknown' ? 'unknown' : 'none',
    intentionalHarm: classification.mechanism.label === 'loss_of_control' ? 'No. Not intentionally designed to perform harm' : 'unknown',
    livesLost: classification.severity?.deaths ?? 'unknown',
    injuries: classification.severity?.injuries ?? 'unknown',
    sectorOfDeployment: sector === undefined || sector === 'undetermined' ? 'unknown' : (CSET_SECTOR_OF_DEPLOYMENT[sector] ?? 'unknown'),
    autonomyLevel: autonomous ? 'Autonomy1' : 'unknown',
  };
}
