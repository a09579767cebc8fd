// JSON Schemas (draft 2020-12) of the reporting exports. Change together with eu-ai-act-art73-report.ts,
// oecd-crf-record.ts and docs/reporting-exports.md. Served at GET /schemas/reports/{eu-ai-act-art73,oecd-crf}/v1.json.
import { EU_AI_ACT_CATEGORIES } from '@app/taxonomy';
import { EU_AI_ACT_ART73_SCHEMA_ID } from './eu-ai-act-art73-report.js';
import { OECD_CRF_SCHEMA_ID } from './oecd-crf-record.js';

const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const nullOnly = { type: 'null', description: 'Not known to the single window; listed in missingFields.' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const count = { type: ['integer', 'null'], minimum: 0 } as const;
const country = { type: 'string', pattern: '^[A-Z]{2}$' } as const;
const strictObject = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties });
const sourceIncident = {
  id: { type: 'string', format: 'uuid' },
  version: { type: 'integer', minimum: 1 },
  status: { enum: ['active', 'retracted'] },
  originJurisdiction: country,
  tlp: { enum: ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] },
};
const missingField = strictObject({ field: { ...string, minLength: 1 }, basis: { ...string, minLength: 1 }, why: { ...string, minLength: 1 } });

/** Schema of `GET /incidents/{id}/reports/eu-ai-act-art73` (EuAiActArt73ReportDraft). */
export const EU_AI_ACT_ART73_REPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: EU_AI_ACT_ART73_SCHEMA_ID,
  title: 'Draft serious-incident report, Regulation (EU) 2024/1689 (AI Act) Art. 73',
  description: 'Built by an AI Risk Single Window from a filed incident; null fields are unknown and listed in missingFields with the article that asks for them.',
  ...strictObject({
    $schema: { const: EU_AI_ACT_ART73_SCHEMA_ID },
    reportType: { const: 'eu-ai-act-art73-serious-incident-report' },
    status: { const: 'draft' },
    generatedAt: dateTime,
    legalBasis: { const: 'Regulation (EU) 2024/1689, Art. 73' },
    reportKind: { enum: ['initial', 'complete'], description: 'Art. 73(5): an incomplete initial report may precede the complete one.' },
    complete: { type: 'boolean' },
    sourceIncident: strictObject({ ...sourceIncident, filedAt: dateTime }),
    applicability: strictObject({ seriousIncident: { type: 'boolean' }, highRiskAiSystem: nullOnly, occurredInUnion: { type: 'boolean' }, appliesIf: string }),
    deadline: strictObject({
      days: { enum: [2, 10, 15, null] },
      legalBasis: nullableString,
      awarenessAt: nullOnly,
      dueIfAwareAtFiling: { type: ['string', 'null'], format: 'date-time' },
    }),
    provider: strictObject({ name: nullableString, address: nullOnly, contact: nullOnly, authorisedRepresentative: nullOnly }),
    deployer: strictObject({ name: nullableString, contact: nullOnly }),
    aiSystem: strictObject({ name: nullableString, version: nullOnly, euDatabaseRegistrationNumber: nullOnly, annexIIIArea: nullOnly, sector: nullableString }),
    incident: strictObject({
      title: string,
      description: string,
      harmDescription: nullableString,
      occurredAt: dateTime,
      country,
      memberStates: { type: 'array', items: country },
      category: { enum: [...EU_AI_ACT_CATEGORIES, null] },
      article3Point: { enum: ['a', 'b', 'c', 'd', null] },
      categories: { type: 'array', items: { enum: [...EU_AI_ACT_CATEGORIES] } },
      widespreadInfringement: { type: 'boolean' },
      deaths: count,
      injuries: count,
      affectedPersons: nullOnly,
      severity: string,
      harmTypes: { type: 'array', items: string },
      sourceUrls: { type: 'array', items: { type: 'string', format: 'uri' } },
    }),
    causalLink: strictObject({ established: nullOnly, assessment: nullOnly }),
    investigation: strictObject({ riskAssessment: nullOnly, correctiveActions: nullOnly }),
    classification: {
      oneOf: [
        { type: 'null' },
        strictObject({ mechanism: string, magnitude: string, source: string, urgency: nullableString, classifierVersion: string }),
      ],
    },
    missingFields: { type: 'array', items: missingField },
  }),
} as const;

/** Schema of `GET /incidents/{id}/reports/oecd-crf` (OecdCrfRecord). */
export const OECD_CRF_RECORD_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: OECD_CRF_SCHEMA_ID,
  title: 'OECD common reporting framework for AI incidents (2025): one incident record',
  description: 'Built by an AI Risk Single Window from a filed incident; null criteria are unknown and listed in missingFields (mandatory ones flagged).',
  ...strictObject({
    $schema: { const: OECD_CRF_SCHEMA_ID },
    recordType: { const: 'oecd-common-reporting-framework-ai-incident' },
    generatedAt: dateTime,
    framework: { const: 'OECD, Towards a common reporting framework for AI incidents (2025)' },
    sourceIncident: strictObject(sourceIncident),
    mandatoryComplete: { type: 'boolean' },
    metadata: strictObject({
      title: string,
      description: string,
      eventType: { enum: ['incident', 'hazard', 'unknown'] },
      dateOfOccurrence: dateTime,
      dateOfReport: dateTime,
      submitter: strictObject({ name: string, type: { const: 'government' }, jurisdiction: country }),
      supportingMaterials: { type: 'array', items: { type: 'string', format: 'uri' } },
      language: { enum: ['en', 'zh'] },
    }),
    harmDetails: strictObject({
      severity: string,
      harmTypes: { type: 'array', items: { enum: ['Physical', 'Psychological', 'Reputational', 'Economic/Property', 'Environmental', 'Human or fundamental rights', 'Public interest'] } },
      harmDescription: nullableString,
      quantification: strictObject({ deaths: count, injuries: count, financialLossUsd: { type: ['number', 'null'], minimum: 0 } }),
      reversibility: nullOnly,
    }),
    peopleAndPlanet: strictObject({ affectedStakeholders: nullOnly, affectedCountries: { type: 'array', items: country } }),
    economicContext: strictObject({ industry: nullableString, deployer: nullableString, developer: nullableString, businessFunction: nullOnly }),
    aiSystem: strictObject({
      name: nullableString,
      relationToIncident: { oneOf: [{ type: 'null' }, strictObject({ mechanism: { enum: ['loss_of_control', 'misuse'] }, source: { enum: ['system', 'enabled'] }, statement: string })] },
    }),
    dataAndInput: strictObject({ dataCharacteristics: nullOnly }),
    aiModel: strictObject({ modelType: nullOnly, modelVersion: nullOnly }),
    taskAndOutput: strictObject({ aiTask: nullOnly, autonomyLevel: nullOnly, lifecycleStage: nullableString }),
    responses: strictObject({ actionsTaken: nullOnly, status: { enum: ['active', 'retracted'] } }),
    missingFields: {
      type: 'array',
      items: { ...missingField, required: [...missingField.required, 'mandatory'], properties: { ...missingField.properties, mandatory: { type: 'boolean' } } },
    },
  }),
} as const;
