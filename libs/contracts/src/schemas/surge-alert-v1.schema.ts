// JSON Schema (draft 2020-12) of the `org.aisw.surge-alert.v1` CloudEvent in structured JSON mode.
// Pure data, no imports, so partners can copy it as JSON. Change together with surge-alert.ts, docs/asyncapi.yaml and
// docs/signals.md ("Surge alerts to partners").

/**
 * JSON Schema (draft 2020-12) of a surge alert as a partner receives it: the CloudEvents 1.0 structured JSON event
 * (webhook body; Kafka binary mode maps onto the same object) with `data` = `SurgeAlertData`. Served at
 * `GET /schemas/surge-alert/v1.json`. Strict on every known member; open for CloudEvents extension attributes and for
 * members later versions add to `data` and `data.signal`. Validate with a 2020-12 validator with format assertion on.
 */
export const SURGE_ALERT_EVENT_V1_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://aisw.example/schemas/surge-alert/v1.json',
  title: 'AI Risk Single Window surge alert (org.aisw.surge-alert.v1), CloudEvents 1.0 structured JSON',
  description:
    'A routine alert telling a partner single window that the weekly count of one category of AI incidents surged ' +
    '(CDC EARS C2). CloudEvents 1.0 JSON event format; unknown top-level members are CloudEvents extension attributes. ' +
    'The `jws` extension is the detached JWS (RFC 7515/7797, Ed25519) over the RFC 8785 canonical form of this object without `jws`, ' +
    'exactly as for org.aisw.alert.v1.',
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'jws', 'data'],
  properties: {
    specversion: { const: '1.0' },
    id: { description: 'The alert id (equals data.alertId and the Standard Webhooks `webhook-id`); stable across re-sends.', type: 'string', format: 'uuid' },
    source: { description: 'The sending single window, `/aisw/<ISO 3166-1 alpha-2 jurisdiction>`.', type: 'string', minLength: 1, format: 'uri-reference' },
    type: { const: 'org.aisw.surge-alert.v1' },
    subject: { description: 'The surge signal id (equals data.signal.id and the Kafka message key).', type: 'string', format: 'uuid' },
    time: { description: 'When the alert was routed (RFC 3339).', type: 'string', format: 'date-time' },
    datacontenttype: { const: 'application/json' },
    dataschema: { type: 'string', format: 'uri' },
    jws: { type: 'string', maxLength: 4096, pattern: '^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+$' },
    data: { $ref: '#/$defs/SurgeAlertData' },
  },
  additionalProperties: true,
  $defs: {
    SurgeAlertData: {
      type: 'object',
      required: ['alertId', 'msgType', 'urgency', 'tlp', 'partnerId', 'sentAt', 'signal'],
      properties: {
        alertId: { description: 'Deterministic in (signal, partner): one alert per signal and partner, ever.', type: 'string', format: 'uuid' },
        msgType: { description: 'OASIS CAP 1.2 msgType; a surge alert is never updated or cancelled.', const: 'Alert' },
        urgency: { description: 'Surge alerts are routine: no acknowledgement deadline or escalation applies.', const: 'routine' },
        tlp: { description: 'TLP 2.0 marking of the alert (configurable, GREEN by default).', enum: ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT'] },
        partnerId: { description: 'The receiving partner.', type: 'string', format: 'uuid' },
        sentAt: { type: 'string', format: 'date-time' },
        signal: { $ref: '#/$defs/SurgeSignal' },
      },
      additionalProperties: true,
    },
    SurgeSignal: {
      description:
        'One surge: in the ISO week [weekStart, weekEnd) (UTC, Monday 00:00) `count` incidents of `dimension` = `value` ' +
        'exceeded the EARS threshold. Counted over the incidents every analyst may see (TLP:RED excluded).',
      type: 'object',
      required: ['id', 'dimension', 'value', 'weekStart', 'weekEnd', 'count', 'expected', 'sd', 'statistic', 'threshold', 'method', 'detectedAt'],
      properties: {
        id: { description: 'Signal id in the sending single window.', type: 'string', format: 'uuid' },
        dimension: { enum: ['mechanism', 'magnitude', 'source', 'harmType', 'sector', 'country'] },
        value: { description: 'Taxonomy code (GET /taxonomy) or ISO 3166-1 alpha-2 country code.', type: 'string', minLength: 1, maxLength: 40 },
        weekStart: { type: 'string', format: 'date-time' },
        weekEnd: { type: 'string', format: 'date-time' },
        count: { description: 'Incidents of the category in the week.', type: 'integer', minimum: 0 },
        expected: { description: 'Baseline mean (incidents per week).', type: 'number', minimum: 0 },
        sd: { description: 'Baseline standard deviation used, after the floor (incidents per week).', type: 'number', minimum: 0 },
        statistic: { description: 'EARS C2 statistic (count − expected) / sd.', type: 'number' },
        threshold: { description: 'Signal level of the statistic.', type: 'number' },
        method: { description: 'Method id with its parameters, e.g. EARS-C2(baseline=7,guard=2,threshold=3,minSd=1).', type: 'string', maxLength: 100 },
        detectedAt: { description: 'When the signal was first stored.', type: 'string', format: 'date-time' },
      },
      additionalProperties: true,
    },
  },
} as const;
