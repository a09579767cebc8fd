// JSON Schema (draft 2020-12) of the `org.aisw.alert.acknowledgement.v1` CloudEvent in structured JSON mode.
// Pure data, no imports, so partners can copy it as JSON. Change together with acknowledgement.ts (shapes and
// ACKNOWLEDGEMENT_LIMITS), acknowledge-alert.request.dto.ts, docs/asyncapi.yaml and docs/partner-integration.md.

/** Text without C0/C1 control characters other than tab, line feed and carriage return (as alert-v1.schema.ts). */
const PLAIN_TEXT = '^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$';

/**
 * JSON Schema (draft 2020-12) of an acknowledgement as a partner produces it to its acknowledgement topic: the
 * CloudEvents 1.0 structured JSON form (Kafka binary mode maps `ce_*` headers onto the attributes and the value onto
 * `data`). `data` is closed (unknown members are refused, so a typo is not silently dropped); extension attributes
 * are allowed. Served at `/schemas/acknowledgement/v1.json`.
 */
export const ACKNOWLEDGEMENT_EVENT_V1_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://aisw.example/schemas/acknowledgement/v1.json',
  title: 'AI Risk Single Window acknowledgement (org.aisw.alert.acknowledgement.v1), CloudEvents 1.0 structured JSON',
  description:
    'A partner single window acknowledges an alert, optionally with follow-up information or a request for assistance. ' +
    'Produced to the partner\'s own acknowledgement topic `<prefix>.partner.<slug>.acks.v1`; the topic names the partner.',
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'datacontenttype', 'data'],
  properties: {
    specversion: { const: '1.0' },
    id: {
      description: 'Unique per acknowledgement message; a repeated id (a producer retry) is applied once.',
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7E]+$',
    },
    source: {
      description: 'The acknowledging partner, `/aisw/partners/<slug>`; must name the partner of the topic.',
      type: 'string',
      pattern: '^/aisw/partners/[a-z0-9-]{1,60}$',
    },
    type: { const: 'org.aisw.alert.acknowledgement.v1' },
    subject: { description: 'The acknowledged alert id (equals data.alertId).', type: 'string', format: 'uuid' },
    time: { type: 'string', format: 'date-time' },
    datacontenttype: { const: 'application/json' },
    dataschema: { type: 'string', format: 'uri' },
    data: { $ref: '#/$defs/AcknowledgementData' },
  },
  additionalProperties: true,
  $defs: {
    AcknowledgementData: {
      type: 'object',
      required: ['alertId'],
      additionalProperties: false,
      properties: {
        alertId: { type: 'string', format: 'uuid' },
        note: { type: 'string', maxLength: 2000, pattern: PLAIN_TEXT },
        followUp: {
          description: 'Follow-up information for the filer of the incident.',
          type: 'object',
          required: ['text'],
          additionalProperties: false,
          properties: {
            text: { type: 'string', minLength: 1, maxLength: 4000, pattern: PLAIN_TEXT },
            fields: {
              description: 'Structured values (at most 20): string (at most 500 characters), number or boolean.',
              type: 'object',
              maxProperties: 20,
              propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
              additionalProperties: {
                oneOf: [{ type: 'string', maxLength: 500, pattern: PLAIN_TEXT }, { type: 'number' }, { type: 'boolean' }],
              },
            },
          },
        },
        assistanceRequest: {
          description: 'A request for assistance to the filer of the incident.',
          type: 'object',
          required: ['request', 'urgency'],
          additionalProperties: false,
          properties: {
            request: { description: 'What is asked.', type: 'string', minLength: 1, maxLength: 4000, pattern: PLAIN_TEXT },
            urgency: { enum: ['flash', 'priority', 'routine'] },
          },
        },
      },
    },
  },
} as const;
