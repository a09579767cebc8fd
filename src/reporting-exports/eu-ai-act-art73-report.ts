import type { IncidentSnapshot } from '@app/contracts';
import { TAXONOMY_VOCABULARY, type EuAiActCategory, type IncidentClassification } from '@app/taxonomy';
import { missingFieldsOf, type FieldRequirement, type MissingField } from './missing-fields.js';

/** `$id` of the JSON Schema of this export (served at GET /schemas/reports/eu-ai-act-art73/v1.json). */
export const EU_AI_ACT_ART73_SCHEMA_ID = 'https://aisw.example/schemas/reports/eu-ai-act-art73/v1.json';

/** The 27 EU Member States (ISO 3166-1 alpha-2; Greece is `GR`): Art. 73(1) reports go to the authority of the State where the incident occurred. */
export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const;

/**
 * A draft serious-incident report under Regulation (EU) 2024/1689 (AI Act) Art. 73, built from a filed incident and
 * its classification in force. Sections follow the Commission's draft reporting template for serious incidents of
 * high-risk AI systems (published for consultation on 26 September 2025, consultation closed 7 November 2025) as far
 * as public summaries describe it: report details, provider and deployer, the AI system, the incident (Art. 3(49)
 * category, dates, place, persons affected), the causal link (Art. 73(2)), investigation and corrective action
 * (Art. 73(6)). The template's exact field list was not available to us; every field here cites the article that
 * asks for it instead (docs/reporting-exports.md). Values this single window cannot know are null and listed in
 * `missingFields` with why they matter. A draft: the duty to report lies with the provider (Art. 73(1)) or deployer
 * (Art. 26(5)), not with this single window.
 */
export interface EuAiActArt73ReportDraft {
  $schema: typeof EU_AI_ACT_ART73_SCHEMA_ID;
  reportType: 'eu-ai-act-art73-serious-incident-report';
  status: 'draft';
  generatedAt: string;
  legalBasis: 'Regulation (EU) 2024/1689, Art. 73';
  /** Art. 73(5): an initial, incomplete report may precede the complete one; `complete` is true when nothing is missing. */
  reportKind: 'initial' | 'complete';
  complete: boolean;
  sourceIncident: { id: string; version: number; status: 'active' | 'retracted'; originJurisdiction: string; filedAt: string; tlp: string };
  applicability: {
    /** True when the classifier found an Art. 3(49) category. */
    seriousIncident: boolean;
    /** Art. 73(1) binds providers of high-risk AI systems (Art. 6, Annex III); never decided here, so always null. */
    highRiskAiSystem: null;
    /** True when `incident.country` is an EU Member State (Art. 73(1): the authorities of the State where it occurred). */
    occurredInUnion: boolean;
    appliesIf: string;
  };
  deadline: {
    /** 2 (Art. 73(3)), 10 (Art. 73(4)) or 15 (Art. 73(2)) days after awareness; null when no category applies. */
    days: 2 | 10 | 15 | null;
    legalBasis: string | null;
    /** When the provider or deployer became aware: not known to this single window (missing). */
    awarenessAt: null;
    /** `filedAt` + days: the due date if the provider became aware when the incident was filed here (an upper bound only then). */
    dueIfAwareAtFiling: string | null;
  };
  provider: { name: string | null; address: null; contact: null; authorisedRepresentative: null };
  deployer: { name: string | null; contact: null };
  aiSystem: {
    name: string | null;
    version: null;
    /** EU database registration number (Art. 49, Art. 71). */
    euDatabaseRegistrationNumber: null;
    /** Annex III area that makes it high-risk (Art. 6(2)). */
    annexIIIArea: null;
    sector: string | null;
  };
  incident: {
    title: string;
    description: string;
    harmDescription: string | null;
    occurredAt: string;
    /** ISO 3166-1 alpha-2 country where it occurred; `memberStates` holds it when it is an EU Member State. */
    country: string;
    memberStates: string[];
    category: EuAiActCategory | null;
    /** Letter of Art. 3(49). */
    article3Point: 'a' | 'b' | 'c' | 'd' | null;
    categories: EuAiActCategory[];
    /** Art. 3(61) widespread infringement (guessed from scale words in the text). */
    widespreadInfringement: boolean;
    deaths: number | null;
    injuries: number | null;
    /** Number of persons affected: not stated in a filing (missing). */
    affectedPersons: null;
    severity: string;
    harmTypes: string[];
    sourceUrls: string[];
  };
  causalLink: { established: null; assessment: null };
  investigation: { riskAssessment: null; correctiveActions: null };
  /** Our own classification, for the authority's triage (labels in force, classifier version). */
  classification: { mechanism: string; magnitude: string; source: string; urgency: string | null; classifierVersion: string } | null;
  missingFields: MissingField[];
}

/** Fields Art. 73 (and the template built on it) asks for, in report order, with why each matters. */
export const EU_AI_ACT_ART73_REQUIREMENTS: readonly FieldRequirement[] = [
  { field: 'deadline.awarenessAt', basis: 'Art. 73(2)-(4)', why: 'The 2, 10 or 15-day clock runs from the moment the provider or deployer became aware of the incident; without it the due date cannot be computed.' },
  { field: 'provider.name', basis: 'Art. 73(1), Art. 3(3)', why: 'The provider is the one obliged to report and to investigate; the authority must know whom to address.' },
  { field: 'provider.address', basis: 'Art. 73(1), Art. 16(b)', why: 'Providers must indicate their name and address; the authority contacts and may order measures against this entity.' },
  { field: 'provider.contact', basis: 'Art. 73(6)', why: 'The provider must cooperate with the authorities during the investigation; a named contact point makes that possible.' },
  { field: 'deployer.name', basis: 'Art. 26(5), Art. 73(1)', why: 'A deployer that identifies a serious incident must inform the provider and may have to report itself.' },
  { field: 'aiSystem.name', basis: 'Art. 73(1)', why: 'The report concerns one AI system placed on the Union market; it must be identifiable.' },
  { field: 'aiSystem.version', basis: 'Art. 73(6), Art. 72', why: 'Corrective action and post-market monitoring apply to a specific version; other versions may be unaffected.' },
  { field: 'aiSystem.euDatabaseRegistrationNumber', basis: 'Art. 49, Art. 71', why: 'High-risk systems are registered in the EU database; the number links the report to the registered system.' },
  { field: 'aiSystem.annexIIIArea', basis: 'Art. 6, Annex III, Art. 73(1)', why: 'Only high-risk AI systems are in scope of Art. 73; the Annex III area (or Annex I product) shows why this one is.' },
  { field: 'incident.category', basis: 'Art. 3(49)', why: 'Only harms in the four Art. 3(49) categories make an incident serious and reportable; the category also sets the deadline.' },
  { field: 'incident.memberStates', basis: 'Art. 73(1)', why: 'The report goes to the market surveillance authorities of the Member States where the incident occurred.' },
  { field: 'incident.harmDescription', basis: 'Art. 3(49)', why: 'The authority assesses whether the harm is serious (health, critical infrastructure, fundamental rights, property or environment).' },
  { field: 'incident.affectedPersons', basis: 'Art. 3(49), Art. 3(61), Art. 73(3)', why: 'The number and kind of persons affected decide whether an infringement is widespread (2-day deadline) and how urgent measures are.' },
  { field: 'incident.sourceUrls', basis: 'Art. 73(6)', why: 'Supporting material lets the authority verify the account; the provider may not alter the system before informing it.' },
  { field: 'causalLink.assessment', basis: 'Art. 73(2), Art. 73(4)', why: 'Reporting is due once a causal link between the AI system and the incident, or its reasonable likelihood, is established.' },
  { field: 'investigation.riskAssessment', basis: 'Art. 73(6)', why: 'The provider must investigate without delay, including a risk assessment of the incident.' },
  { field: 'investigation.correctiveActions', basis: 'Art. 73(6), Art. 20', why: 'Corrective action is part of the investigation; the authority checks it is adequate (Art. 73(8), Art. 19 of Regulation (EU) 2019/1020).' },
];

const ARTICLE_BY_DAYS: Record<2 | 10 | 15, string> = {
  2: 'Art. 73(3): immediately and not later than 2 days after awareness',
  10: 'Art. 73(4): immediately and not later than 10 days after awareness',
  15: 'Art. 73(2): immediately and not later than 15 days after awareness',
};

const DAY_MS = 86_400_000;

/**
 * Builds the Art. 73 draft. Pure. `classification` is the result in force (null when none is stored: the category,
 * deadline and classification are then empty and listed as missing). Dates are RFC 3339 UTC; `deaths`/`injuries` are
 * the classifier's counts read from the text (`SeverityResult`).
 */
export function buildEuAiActArt73Report(incident: IncidentSnapshot, classification: IncidentClassification | null, generatedAt: Date): EuAiActArt73ReportDraft {
  const euAiAct = classification?.euAiAct;
  const category = euAiAct?.category ?? null;
  const term = TAXONOMY_VOCABULARY.euAiActCategories.find((item) => item.code === category);
  // Only a deadline of Art. 73 counts: a stored result from before peer classifications were checked may hold anything.
  const days = euAiAct && [2, 10, 15].includes(euAiAct.deadlineDays as number) ? euAiAct.deadlineDays : null;
  const occurredInUnion = (EU_MEMBER_STATES as readonly string[]).includes(incident.country);
  const draft: Omit<EuAiActArt73ReportDraft, 'missingFields' | 'complete' | 'reportKind'> = {
    $schema: EU_AI_ACT_ART73_SCHEMA_ID,
    reportType: 'eu-ai-act-art73-serious-incident-report',
    status: 'draft',
    generatedAt: generatedAt.toISOString(),
    legalBasis: 'Regulation (EU) 2024/1689, Art. 73',
    sourceIncident: {
      id: incident.id,
      version: incident.version,
      status: incident.status,
      originJurisdiction: incident.originJurisdiction,
      filedAt: incident.filedAt,
      tlp: incident.tlp,
    },
    applicability: {
      seriousIncident: category !== null,
      highRiskAiSystem: null,
      occurredInUnion,
      appliesIf: 'the AI system is a high-risk AI system (Art. 6, Annex III) placed on the Union market and the incident occurred in a Member State (Art. 73(1))',
    },
    deadline: {
      days,
      legalBasis: days === null ? null : ARTICLE_BY_DAYS[days],
      awarenessAt: null,
      dueIfAwareAtFiling: days === null ? null : new Date(Date.parse(incident.filedAt) + days * DAY_MS).toISOString(),
    },
    provider: { name: incident.developer, address: null, contact: null, authorisedRepresentative: null },
    deployer: { name: incident.deployer, contact: null },
    aiSystem: { name: incident.aiSystemName, version: null, euDatabaseRegistrationNumber: null, annexIIIArea: null, sector: incident.sector ?? classification?.sector?.label ?? null },
    incident: {
      title: incident.title,
      description: incident.description,
      harmDescription: incident.harmDescription,
      occurredAt: incident.occurredAt,
      country: incident.country,
      memberStates: occurredInUnion ? [incident.country] : [],
      category,
      article3Point: term?.article3Point ?? null,
      categories: euAiAct?.categories ?? [],
      widespreadInfringement: euAiAct?.widespread ?? false,
      deaths: classification?.severity?.deaths ?? null,
      injuries: classification?.severity?.injuries ?? null,
      affectedPersons: null,
      severity: classification?.severity?.label ?? 'undetermined',
      harmTypes: (classification?.harmTypes ?? []).map((harm) => harm.type),
      sourceUrls: incident.sourceUrls,
    },
    causalLink: { established: null, assessment: null },
    investigation: { riskAssessment: null, correctiveActions: null },
    classification: classification
      ? {
          mechanism: classification.mechanism.label,
          magnitude: classification.magnitude.label,
          source: classification.source.label,
          urgency: classification.urgency?.label ?? null,
          classifierVersion: classification.classifierVersion,
        }
      : null,
  };
  const missingFields = missingFieldsOf(draft, EU_AI_ACT_ART73_REQUIREMENTS);
  return { ...draft, reportKind: missingFields.length === 0 ? 'complete' : 'initial', complete: missingFields.length === 0, missingFields };
}
