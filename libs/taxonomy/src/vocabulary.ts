/**
 * Stable codes of the taxonomy in ../shared/TAXONOMY.md (the contract for API names).
 * Source: "Global AI Governance and China's Approach" (Tsinghua I-AIIG and Alibaba Group), Table 1 and §1.3.
 */
export const MECHANISMS = ['loss_of_control', 'misuse'] as const;
export type Mechanism = (typeof MECHANISMS)[number];

export const MAGNITUDES = ['existential', 'general'] as const;
export type Magnitude = (typeof MAGNITUDES)[number];

export const RISK_SOURCES = ['system', 'enabled'] as const;
export type RiskSource = (typeof RISK_SOURCES)[number];

export const UNDETERMINED = 'undetermined' as const;
export type Undetermined = typeof UNDETERMINED;

/** The three axes every incident is labelled on. */
export const AXES = ['mechanism', 'magnitude', 'source'] as const;
export type Axis = (typeof AXES)[number];

/** Sectors under vertical regulation plus the paper's "AI+" sectors (TAXONOMY.md, "Further dimensions"). */
export const SECTORS = [
  'biometrics',
  'autonomous_driving',
  'healthcare',
  'finance',
  'industry',
  'education',
  'e_commerce',
  'transport',
  'public_services',
  'military',
  'media',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/** ISO 639-1 codes of the languages the product accepts incident text in. */
export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Harm types: the paper's list (TAXONOMY.md "Further dimensions") plus the consequences it names. */
export const HARM_TYPES = [
  'false_information',
  'deepfake',
  'privacy_infringement',
  'copyright_infringement',
  'human_machine_relationship_disorder',
  'job_displacement',
  'unfair_distribution',
  'cyberattack',
  'hallucination',
  'deceptive_behaviour',
  'physical_harm',
  'financial_loss',
  'discrimination',
  'fundamental_rights_violation',
  'critical_infrastructure_disruption',
  'environmental_harm',
] as const;
export type HarmType = (typeof HARM_TYPES)[number];

/** Lifecycle stages used by industry tooling (the paper: 模型训练、服务上线、内容生成、内容传播). */
export const PAPER_LIFECYCLE_STAGES = ['model_training', 'service_launch', 'content_generation', 'content_dissemination'] as const;
/** NIST AI RMF 1.0 lifecycle stages, as TAXONOMY.md names them. */
export const NIST_LIFECYCLE_STAGES = ['design', 'development', 'deployment', 'operation_and_monitoring'] as const;
export const LIFECYCLE_STAGES = [...PAPER_LIFECYCLE_STAGES, ...NIST_LIFECYCLE_STAGES] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Severity scale, least to most severe. */
export const SEVERITIES = ['negligible', 'minor', 'moderate', 'severe', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** OECD AI incident (harm occurred) versus AI hazard (harm could plausibly occur). */
export const OECD_EVENT_TYPES = ['incident', 'hazard'] as const;
export type OecdEventType = (typeof OECD_EVENT_TYPES)[number];

/** Red lines (TAXONOMY.md "Red lines"): any one makes an alert `flash`. */
export const RED_LINE_FLAGS = [
  'deception_of_overseers',
  'autonomous_self_replication',
  'power_seeking',
  'wmd_assistance',
  'autonomous_cyberattack',
] as const;
export type RedLineFlag = (typeof RED_LINE_FLAGS)[number];

/** Alert urgency classes, most urgent first. */
export const URGENCIES = ['flash', 'priority', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** EU AI Act Art. 3(49)(a)–(d) serious-incident categories. */
export const EU_AI_ACT_CATEGORIES = [
  'death_or_serious_health_harm',
  'critical_infrastructure_disruption',
  'fundamental_rights_infringement',
  'serious_property_or_environmental_harm',
] as const;
export type EuAiActCategory = (typeof EU_AI_ACT_CATEGORIES)[number];

/** Governance elements the paper names (compute, data, algorithms, models, applications). */
export const GOVERNANCE_ELEMENTS = ['compute', 'data', 'algorithms', 'models', 'applications'] as const;
export type GovernanceElement = (typeof GOVERNANCE_ELEMENTS)[number];
