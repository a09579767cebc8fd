import type { IncidentSnapshot } from '@app/contracts';
import { toOecdView, type IncidentClassification } from '@app/taxonomy';
import { missingFieldsOf, type FieldRequirement, type MissingField } from './missing-fields.js';

/** `$id` of the JSON Schema of this export (served at GET /schemas/reports/oecd-crf/v1.json). */
export const OECD_CRF_SCHEMA_ID = 'https://aisw.example/schemas/reports/oecd-crf/v1.json';

/**
 * A record of the OECD common reporting framework for AI incidents ("Towards a common reporting framework for AI
 * incidents", OECD Artificial Intelligence Papers, 2025), built from a filed incident and its classification in force.
 * The framework has 29 criteria, grouped by the dimensions of the OECD Framework for the Classification of AI Systems
 * (2022): metadata, harm details, people and planet, economic context, data and input, AI model, task and output;
 * seven are mandatory: title, description, how the AI system relates to the incident, submitter, supporting
 * materials, severity and harm type (shared/TAXONOMY.md). The criteria below follow those dimensions; where the paper's
 * wording was not available to us the name is ours (docs/reporting-exports.md). Empty criteria are null and listed in
 * `missingFields`, the mandatory ones first.
 */
export interface OecdCrfRecord {
  $schema: typeof OECD_CRF_SCHEMA_ID;
  recordType: 'oecd-common-reporting-framework-ai-incident';
  generatedAt: string;
  framework: 'OECD, Towards a common reporting framework for AI incidents (2025)';
  sourceIncident: { id: string; version: number; status: 'active' | 'retracted'; originJurisdiction: string; tlp: string };
  /** True when every mandatory criterion is filled. */
  mandatoryComplete: boolean;
  metadata: {
    title: string;
    description: string;
    /** AI incident (harm occurred) or AI hazard (harm could plausibly occur); 'unknown' when the classifier could not tell. */
    eventType: 'incident' | 'hazard' | 'unknown';
    dateOfOccurrence: string;
    dateOfReport: string;
    submitter: { name: string; type: 'government'; jurisdiction: string };
    supportingMaterials: string[];
    language: 'en' | 'zh';
  };
  harmDetails: {
    severity: string;
    harmTypes: string[];
    harmDescription: string | null;
    quantification: { deaths: number | null; injuries: number | null; financialLossUsd: number | null };
    /** Irreversible or not: not judged here (missing). */
    reversibility: null;
  };
  peopleAndPlanet: { affectedStakeholders: null; affectedCountries: string[] };
  economicContext: { industry: string | null; deployer: string | null; developer: string | null; businessFunction: null };
  aiSystem: {
    name: string | null;
    /** How the AI system relates to the incident: our mechanism and source axes with a sentence saying what they mean. */
    relationToIncident: { mechanism: string; source: string; statement: string } | null;
  };
  dataAndInput: { dataCharacteristics: null };
  aiModel: { modelType: null; modelVersion: null };
  taskAndOutput: { aiTask: null; autonomyLevel: null; lifecycleStage: string | null };
  responses: { actionsTaken: null; status: 'active' | 'retracted' };
  missingFields: Array<MissingField & { mandatory: boolean }>;
}

const crf = (criterion: string, mandatory: boolean) => `OECD CRF (2025): ${criterion}${mandatory ? ' (mandatory)' : ''}`;

/** The framework's criteria this record carries, mandatory ones marked, with why each matters. */
export const OECD_CRF_REQUIREMENTS: ReadonlyArray<FieldRequirement & { mandatory: boolean }> = [
  { field: 'metadata.title', mandatory: true, basis: crf('title', true), why: 'Names the incident in registries and searches.' },
  { field: 'metadata.description', mandatory: true, basis: crf('description', true), why: 'What happened, in enough detail for another jurisdiction to recognise the same event.' },
  { field: 'aiSystem.relationToIncident', mandatory: true, basis: crf('how the AI system relates to the incident', true), why: 'Separates harm caused by the system itself from harm people caused with it, which decides who must act.' },
  { field: 'metadata.submitter', mandatory: true, basis: crf('submitter information', true), why: 'Recipients weigh a report by who made it and know whom to ask.' },
  { field: 'metadata.supportingMaterials', mandatory: true, basis: crf('supporting materials', true), why: 'Links to evidence let others verify the account and de-duplicate reports of the same event.' },
  { field: 'harmDetails.severity', mandatory: true, basis: crf('severity', true), why: 'Ranks incidents for response and for trend analysis.' },
  { field: 'harmDetails.harmTypes', mandatory: true, basis: crf('harm type', true), why: 'Physical, psychological, economic, rights or public-interest harm call for different authorities and measures.' },
  { field: 'metadata.eventType', mandatory: false, basis: crf('incident or hazard', false), why: 'An AI incident (harm occurred) and an AI hazard (could occur) follow different reporting paths.' },
  { field: 'metadata.dateOfOccurrence', mandatory: false, basis: crf('date of occurrence', false), why: 'Places the event in time and helps match reports of the same event.' },
  { field: 'harmDetails.harmDescription', mandatory: false, basis: crf('description of the harm', false), why: 'Who or what was harmed and how, beyond the category.' },
  { field: 'harmDetails.quantification.deaths', mandatory: false, basis: crf('harm quantification', false), why: 'Counts of persons harmed make severity comparable across reports.' },
  { field: 'harmDetails.reversibility', mandatory: false, basis: crf('reversibility of harm', false), why: 'Irreversible harm weighs more in severity and in the urgency of measures.' },
  { field: 'peopleAndPlanet.affectedStakeholders', mandatory: false, basis: crf('affected stakeholders', false), why: 'Which groups (consumers, workers, children, the public) were affected shapes the response.' },
  { field: 'economicContext.industry', mandatory: false, basis: crf('industry / sector of deployment', false), why: 'Routes the report to sector regulators and shows where incidents cluster.' },
  { field: 'economicContext.deployer', mandatory: false, basis: crf('deployer', false), why: 'The organisation operating the system is the one that can stop or change its use.' },
  { field: 'economicContext.developer', mandatory: false, basis: crf('developer', false), why: 'The developer can fix the system for every deployer.' },
  { field: 'economicContext.businessFunction', mandatory: false, basis: crf('business function', false), why: 'What the system was used for (e.g. hiring, credit) tells whether it falls under high-risk rules.' },
  { field: 'aiSystem.name', mandatory: false, basis: crf('AI system name', false), why: 'Identifies the system across reports and jurisdictions.' },
  { field: 'dataAndInput.dataCharacteristics', mandatory: false, basis: crf('data and input', false), why: 'Data provenance and quality are frequent root causes (bias, leakage).' },
  { field: 'aiModel.modelType', mandatory: false, basis: crf('AI model type', false), why: 'Model family (e.g. generative, classifier) points to known failure modes.' },
  { field: 'aiModel.modelVersion', mandatory: false, basis: crf('AI model information', false), why: 'Fixes and recalls apply to specific versions.' },
  { field: 'taskAndOutput.aiTask', mandatory: false, basis: crf('AI task', false), why: 'What the system was asked to do (recognition, generation, forecasting) frames the failure.' },
  { field: 'taskAndOutput.autonomyLevel', mandatory: false, basis: crf('level of autonomy', false), why: 'Whether a human was in the loop matters for causality and for oversight measures.' },
  { field: 'taskAndOutput.lifecycleStage', mandatory: false, basis: crf('lifecycle stage', false), why: 'Design, development, deployment or operation: where the incident arose decides who can prevent a repeat.' },
  { field: 'responses.actionsTaken', mandatory: false, basis: crf('actions taken / remediation', false), why: 'Shows whether the harm is contained and what others can learn.' },
];

const RELATION_STATEMENTS: Record<string, string> = {
  'loss_of_control/system': 'The AI system itself behaved in a way its developers or operators did not intend, and its own outputs caused the harm.',
  'loss_of_control/enabled': 'The AI system malfunctioned and thereby enabled a person or other system to cause harm.',
  'misuse/system': 'People directed the AI system to a harmful end, and the harm came from the system’s own outputs or behaviour.',
  'misuse/enabled': 'People used the AI system to cause harm they could not otherwise have caused, or not at that scale or cost.',
};

/**
 * Builds the OECD reporting-framework record. Pure. `classification` is the result in force (null: the criteria it
 * fills are missing). Harm types are mapped to the OECD AI Incidents Monitor's seven harm types as in `?view=oecd`
 * (libs/taxonomy crosswalks, with their documented losses).
 */
export function buildOecdCrfRecord(incident: IncidentSnapshot, classification: IncidentClassification | null, generatedAt: Date): OecdCrfRecord {
  const oecd = classification ? toOecdView(classification, incident) : null;
  const mechanism = classification?.mechanism.label ?? 'undetermined';
  const source = classification?.source.label ?? 'undetermined';
  const statement = RELATION_STATEMENTS[`${mechanism}/${source}`];
  const nist = classification?.lifecycleStage?.nist;
  const record: Omit<OecdCrfRecord, 'missingFields' | 'mandatoryComplete'> = {
    $schema: OECD_CRF_SCHEMA_ID,
    recordType: 'oecd-common-reporting-framework-ai-incident',
    generatedAt: generatedAt.toISOString(),
    framework: 'OECD, Towards a common reporting framework for AI incidents (2025)',
    sourceIncident: { id: incident.id, version: incident.version, status: incident.status, originJurisdiction: incident.originJurisdiction, tlp: incident.tlp },
    metadata: {
      title: incident.title,
      description: incident.description,
      eventType: oecd?.type ?? 'unknown',
      dateOfOccurrence: incident.occurredAt,
      dateOfReport: incident.filedAt,
      submitter: { name: incident.reportingOrganisation, type: 'government', jurisdiction: incident.originJurisdiction },
      supportingMaterials: incident.sourceUrls,
      language: incident.language,
    },
    harmDetails: {
      severity: oecd?.severity ?? 'undetermined',
      harmTypes: oecd?.harmTypes ?? [],
      harmDescription: incident.harmDescription,
      quantification: {
        deaths: classification?.severity?.deaths ?? null,
        injuries: classification?.severity?.injuries ?? null,
        financialLossUsd: classification?.severity?.financialLossUsd ?? null,
      },
      reversibility: null,
    },
    peopleAndPlanet: { affectedStakeholders: null, affectedCountries: [incident.country] },
    economicContext: { industry: incident.sector ?? classification?.sector?.label ?? null, deployer: incident.deployer, developer: incident.developer, businessFunction: null },
    aiSystem: { name: incident.aiSystemName, relationToIncident: statement ? { mechanism, source, statement } : null },
    dataAndInput: { dataCharacteristics: null },
    aiModel: { modelType: null, modelVersion: null },
    taskAndOutput: { aiTask: null, autonomyLevel: null, lifecycleStage: nist && nist !== 'undetermined' ? nist : null },
    responses: { actionsTaken: null, status: incident.status },
  };
  const missing = missingFieldsOf(record, OECD_CRF_REQUIREMENTS);
  const mandatory = new Set(OECD_CRF_REQUIREMENTS.filter((item) => item.mandatory).map((item) => item.field));
  // Quantification counts as given when any count is (a text that states injuries but no deaths is quantified).
  const quantified = Object.values(record.harmDetails.quantification).some((value) => value !== null);
  const missingFields = missing
    .filter((item) => !(item.field === 'harmDetails.quantification.deaths' && quantified))
    .map((item) => ({ ...item, field: item.field === 'harmDetails.quantification.deaths' ? 'harmDetails.quantification' : item.field, mandatory: mandatory.has(item.field) }));
  return { ...record, mandatoryComplete: !missingFields.some((item) => item.mandatory), missingFields };
}
