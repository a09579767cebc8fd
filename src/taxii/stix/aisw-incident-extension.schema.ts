import { TLP_MARKINGS } from '@app/contracts';
import { HARM_TYPES, MAGNITUDES, MECHANISMS, RED_LINE_FLAGS, RISK_SOURCES, SECTORS, SEVERITIES, UNDETERMINED, URGENCIES } from '@app/taxonomy';

const label = (values: readonly string[]) => ({ type: 'string', enum: [...values, UNDETERMINED] });
const confidence = { type: 'number', minimum: 0, maximum: 1 };
const text = { type: 'string', minLength: 1 };
const uuid = { type: 'string', format: 'uuid' };

/**
 * JSON Schema (draft 2020-12) of the property extension `AISW_INCIDENT_EXTENSION_ID` on STIX `incident` objects:
 * our classification (../shared/TAXONOMY.md) and the alert that carried the version. Served at
 * `GET /schemas/stix/incident-extension/v1.json`; the extension definition's `schema` names its `$id`.
 * Optional properties are absent, never null (STIX 2.1 §3.1).
 */
export const AISW_INCIDENT_EXTENSION_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://aisw.example/schemas/stix/incident-extension/v1.json',
  title: 'AI Risk Single Window incident classification (STIX 2.1 property extension)',
  type: 'object',
  additionalProperties: false,
  required: [
    'extension_type',
    'alert_id',
    'msg_type',
    'incident_version',
    'incident_id',
    'status',
    'occurred_at',
    'country',
    'origin_jurisdiction',
    'tlp',
    'classifier_version',
    'mechanism',
    'magnitude',
    'risk_source',
  ],
  properties: {
    extension_type: { const: 'property-extension' },
    alert_id: uuid,
    msg_type: { enum: ['Alert', 'Update', 'Cancel'], description: 'OASIS CAP 1.2 msgType of the alert' },
    incident_version: { type: 'integer', minimum: 1 },
    references: { type: 'array', items: uuid, description: 'Alert ids of the earlier versions sent to this partner' },
    note: text,
    incident_id: uuid,
    status: { enum: ['active', 'retracted'] },
    occurred_at: { type: 'string', format: 'date-time' },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    origin_jurisdiction: { type: 'string', pattern: '^[A-Z]{2}$' },
    sector: { enum: [...SECTORS] },
    reporting_organisation: text,
    ai_system_name: text,
    developer: text,
    deployer: text,
    harm_description: text,
    tlp: { enum: [...TLP_MARKINGS] },
    classifier_version: text,
    mechanism: label(MECHANISMS),
    mechanism_confidence: confidence,
    magnitude: label(MAGNITUDES),
    magnitude_confidence: confidence,
    risk_source: label(RISK_SOURCES),
    risk_source_confidence: confidence,
    harm_types: { type: 'array', items: { enum: [...HARM_TYPES] } },
    severity: label(SEVERITIES),
    urgency: { enum: [...URGENCIES] },
    red_line_flags: { type: 'array', items: { enum: [...RED_LINE_FLAGS] } },
  },
} as const;
