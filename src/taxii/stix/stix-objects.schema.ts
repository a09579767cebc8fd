import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { AISW_INCIDENT_EXTENSION_SCHEMA } from './aisw-incident-extension.schema.js';
import { AISW_INCIDENT_EXTENSION_ID } from './stix-ids.js';

// The OASIS STIX 2.1 JSON Schemas (oasis-open/cti-stix2-json-schemas) are not published on npm; this schema states
// the STIX 2.1 (OASIS Standard, 2021-06-10) rules for the object types this product emits, section by section.
const identifier = (type: string) => ({ type: 'string', pattern: `^${type}--[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$` });
/** §3.2: RFC 3339, UTC (`Z`), `created`/`modified` with millisecond precision. */
const timestamp = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$' };
/** §3.1: property names are ASCII lowercase, digits and underscores, 3..250 characters. */
const propertyNames = { pattern: '^([a-z0-9_]{3,250}|x_[a-z0-9_]{1,248}|id|extensions)$' };

const common = {
  type: { type: 'string' },
  spec_version: { const: '2.1' },
  id: { type: 'string' },
  created_by_ref: identifier('identity'),
  created: timestamp,
  modified: timestamp,
  revoked: { type: 'boolean' },
  labels: { type: 'array', minItems: 1, items: { type: 'string' } },
  confidence: { type: 'integer', minimum: 0, maximum: 100 },
  lang: { type: 'string', minLength: 2 },
  external_references: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['source_name'],
      properties: { source_name: { type: 'string', minLength: 1 }, description: { type: 'string' }, url: { type: 'string', format: 'uri' }, external_id: { type: 'string' } },
      anyOf: [{ required: ['url'] }, { required: ['external_id'] }, { required: ['description'] }],
      additionalProperties: false,
    },
  },
  object_marking_refs: { type: 'array', minItems: 1, items: identifier('marking-definition') },
  /** §7.3.2: each key an extension-definition id; the value at least names its `extension_type`. */
  extensions: {
    type: 'object',
    minProperties: 1,
    propertyNames: { pattern: '^extension-definition--[0-9a-f-]{36}$' },
    additionalProperties: { type: 'object', required: ['extension_type'] },
    properties: { [AISW_INCIDENT_EXTENSION_ID]: { $ref: AISW_INCIDENT_EXTENSION_SCHEMA.$id } },
  },
};

const sdo = (type: string, required: string[], properties: Record<string, unknown>) => ({
  if: { properties: { type: { const: type } }, required: ['type'] },
  then: {
    required: ['type', 'spec_version', 'id', 'created', 'modified', ...required],
    properties: { id: identifier(type), ...properties },
  },
});

/**
 * JSON Schema (2020-12) of the STIX 2.1 objects in this product's TAXII collections: common properties (§3.2, §5.1),
 * `incident` (§4.8: `name` required), `identity` (§4.5), `marking-definition` (§7.2; TLP 2.0 objects carry only the
 * TLP 2.0 extension, no `definition_type`) and `extension-definition` (§7.3: `created_by_ref`, `name`, `schema`,
 * `version`, `extension_types` required). Our property extension is checked against its own published schema.
 */
export const STIX_OBJECT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://aisw.example/schemas/stix/objects/v1.json',
  type: 'object',
  required: ['type', 'spec_version', 'id', 'created'],
  propertyNames,
  properties: { ...common, type: { enum: ['incident', 'identity', 'marking-definition', 'extension-definition'] } },
  allOf: [
    sdo('incident', ['name'], { name: { type: 'string', minLength: 1 }, description: { type: 'string' }, kill_chain_phases: { type: 'array' } }),
    sdo('identity', ['name'], {
      name: { type: 'string', minLength: 1 },
      identity_class: { type: 'string' },
      sectors: { type: 'array', items: { type: 'string' } },
    }),
    sdo('extension-definition', ['created_by_ref', 'name', 'schema', 'version', 'extension_types'], {
      name: { type: 'string', minLength: 1 },
      schema: { type: 'string', format: 'uri' },
      version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
      extension_types: {
        type: 'array',
        minItems: 1,
        items: { enum: ['new-sdo', 'new-sco', 'new-sro', 'property-extension', 'toplevel-property-extension'] },
      },
    }),
    {
      if: { properties: { type: { const: 'marking-definition' } }, required: ['type'] },
      then: {
        properties: { id: identifier('marking-definition'), modified: false, name: { type: 'string' } },
        anyOf: [{ required: ['definition_type', 'definition'] }, { required: ['extensions'] }],
      },
    },
  ],
} as const;

let validator: ValidateFunction | undefined;

/**
 * Validates one STIX object; returns the ajv error messages (JSON Pointer path and message), empty when valid.
 * Formats `uri`, `uuid` and `date-time` are asserted (ajv-formats).
 */
export function stixObjectErrors(object: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajvFormats.default(ajv);
    ajv.addSchema(AISW_INCIDENT_EXTENSION_SCHEMA);
    validator = ajv.compile(STIX_OBJECT_SCHEMA);
  }
  if (validator(object)) return [];
  return (validator.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}
