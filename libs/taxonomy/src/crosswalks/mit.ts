import type { IncidentClassification } from '../classification.js';
import type { HarmType } from '../vocabulary.js';
import { harmTypesOf, redLinesOf } from './classification-parts.js';

/** MIT AI Risk Repository domain taxonomy: 7 domains, 24 subdomains (Slattery et al. 2024, v. 2025). */
export const MIT_SUBDOMAINS = {
  '1.1': 'Unfair discrimination and misrepresentation',
  '1.2': 'Exposure to toxic content',
  '1.3': 'Unequal performance across groups',
  '2.1': 'Compromise of privacy by obtaining, leaking or correctly inferring sensitive information',
  '2.2': 'AI system security vulnerabilities and attacks',
  '3.1': 'False or misleading information',
  '3.2': 'Pollution of information ecosystem and loss of consensus reality',
  '4.1': 'Disinformation, surveillance, and influence at scale',
  '4.2': 'Cyberattacks, weapon development or use, and mass harm',
  '4.3': 'Fraud, scams, and targeted manipulation',
  '5.1': 'Overreliance and unsafe use',
  '5.2': 'Loss of human agency and autonomy',
  '6.1': 'Power centralization and unfair distribution of benefits',
  '6.2': 'Increased inequality and decline in employment quality',
  '6.3': 'Economic and cultural devaluation of human effort',
  '6.4': 'Competitive dynamics',
  '6.5': 'Governance failure',
  '6.6': 'Environmental harm',
  '7.1': 'AI pursuing its own goals in conflict with human goals or values',
  '7.2': 'AI possessing dangerous capabilities',
  '7.3': 'Lack of capability or robustness',
  '7.4': 'Lack of transparency or interpretability',
  '7.5': 'AI welfare and rights',
  '7.6': 'Multi-agent risks',
} as const;
export type MitSubdomain = keyof typeof MIT_SUBDOMAINS;

export const MIT_DOMAINS = {
  '1': 'Discrimination & Toxicity',
  '2': 'Privacy & Security',
  '3': 'Misinformation',
  '4': 'Malicious Actors & Misuse',
  '5': 'Human-Computer Interaction',
  '6': 'Socioeconomic & Environmental',
  '7': 'AI System Safety, Failures, & Limitations',
} as const;

/**
 * Most likely MIT subdomain(s) per harm type, split by our source axis where the MIT taxonomy splits by who
 * acts (`system` → the AI's own output, `enabled` → a malicious actor's use). `any` applies to both.
 */
export const MIT_SUBDOMAINS_BY_HARM: Record<HarmType, { system: MitSubdomain[]; enabled: MitSubdomain[] }> = {
  false_information: { system: ['3.1'], enabled: ['4.1'] },
  deepfake: { system: ['3.1'], enabled: ['4.3'] },
  privacy_infringement: { system: ['2.1'], enabled: ['2.1'] },
  copyright_infringement: { system: ['6.3'], enabled: ['6.3'] },
  human_machine_relationship_disorder: { system: ['5.1'], enabled: ['5.1'] },
  job_displacement: { system: ['6.2'], enabled: ['6.2'] },
  unfair_distribution: { system: ['6.1'], enabled: ['6.1'] },
  cyberattack: { system: ['2.2'], enabled: ['4.2'] },
  hallucination: { system: ['3.1'], enabled: ['3.1'] },
  deceptive_behaviour: { system: ['7.1'], enabled: ['4.3'] },
  physical_harm: { system: ['7.3'], enabled: ['4.2'] },
  financial_loss: { system: ['7.3'], enabled: ['4.3'] },
  discrimination: { system: ['1.1'], enabled: ['1.1'] },
  fundamental_rights_violation: { system: ['1.1'], enabled: ['4.1'] },
  critical_infrastructure_disruption: { system: ['7.3'], enabled: ['4.2'] },
  environmental_harm: { system: ['6.6'], enabled: ['6.6'] },
};

export interface MitView {
  view: 'mit';
  causal: {
    entity: 'Human' | 'AI' | 'Other';
    intent: 'Intentional' | 'Unintentional' | 'Other';
    timing: 'Pre-deployment' | 'Post-deployment' | 'Other';
  };
  /** Most likely subdomains, most specific first, each with its domain. */
  subdomains: { code: MitSubdomain; name: string; domain: string }[];
}

/**
 * MIT causal and domain view. Entity/Intent follow our mechanism (misuse → Human + Intentional, loss_of_control
 * → AI + Unintentional, undetermined → Other + Other); Timing from the lifecycle stage (training, launch,
 * design, development → Pre-deployment; generation, dissemination, deployment, operation → Post-deployment).
 * Subdomains: red lines first (deception, self-replication, power seeking → 7.1; WMD and autonomous
 * cyberattack → 4.2 and 7.2), then MIT_SUBDOMAINS_BY_HARM per harm type, then 7.3 for an unexplained loss of
 * control and 4.3 for an unexplained misuse.
 */
export function toMitView(classification: IncidentClassification): MitView {
  const mechanism = classification.mechanism.label;
  const entity = mechanism === 'misuse' ? 'Human' : mechanism === 'loss_of_control' ? 'AI' : 'Other';
  const intent = mechanism === 'misuse' ? 'Intentional' : mechanism === 'loss_of_control' ? 'Unintentional' : 'Other';
  const stage = classification.lifecycleStage;
  const pre = ['model_training', 'service_launch'].includes(stage?.paper ?? '') || ['design', 'development'].includes(stage?.nist ?? '');
  const post = ['content_generation', 'content_dissemination'].includes(stage?.paper ?? '');
  const timing = pre ? 'Pre-deployment' : post ? 'Post-deployment' : 'Other';

  const codes: MitSubdomain[] = [];
  const add = (code: MitSubdomain): void => {
    if (!codes.includes(code)) codes.push(code);
  };
  for (const flag of redLinesOf(classification)) {
    if (flag === 'wmd_assistance' || flag === 'autonomous_cyberattack') {
      add('4.2');
      add('7.2');
    } else add('7.1');
  }
  const side = classification.source.label === 'enabled' || mechanism === 'misuse' ? 'enabled' : 'system';
  // `?.` and `?? []`: a stored result from before peer classifications were checked may name no known harm type.
  for (const harm of harmTypesOf(classification)) for (const code of MIT_SUBDOMAINS_BY_HARM[harm]?.[side] ?? []) add(code);
  if (codes.length === 0 && mechanism === 'loss_of_control') add('7.3');
  if (codes.length === 0 && mechanism === 'misuse') add('4.3');
  return {
    view: 'mit',
    causal: { entity, intent, timing },
    subdomains: codes.map((code) => ({ code, name: MIT_SUBDOMAINS[code], domain: MIT_DOMAINS[code.split('.')[0] as keyof typeof MIT_DOMAINS] })),
  };
}
