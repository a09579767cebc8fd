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
