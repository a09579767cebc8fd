// JSON Schema (draft 2020-12) of the `org.aisw.alert.v1` CloudEvent in structured JSON mode.
// Pure data, no imports, so partners can copy it as JSON. Change together with alert.ts, incident-filed.event.ts,
// libs/taxonomy/src/classification.ts (shapes), file-incident.request.dto.ts (bounds) and docs/partner-integration.md.

/**
 * Text without C0/C1 control characters other than tab, line feed and carriage return (as the filing DTO).
 * String escapes, not regex escapes: the JSON form carries the characters themselves, which every regex dialect reads.
 */
const PLAIN_TEXT = '^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$';

/**
 * JSON Schema (draft 2020-12) of an alert as a partner receives it: the CloudEvents 1.0 structured JSON event
 * (webhook body; Kafka binary mode maps onto the same object) with `data` = `AlertData`.
 * Strict on every known member (types, formats, enums, the filing bounds of `POST /incidents`); open where later
 * versions add members: CloudEvents extension attributes, `data`, `data.incident` and `data.classification`.
 * Validate with a 2020-12 validator with format assertion on (e.g. Ajv2020 + ajv-formats).
 */
export const ALERT_EVENT_V1_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://aisw.example/schemas/alert/v1.json',
  title: 'AI Risk Single Window alert (org.aisw.alert.v1), CloudEvents 1.0 structured JSON',
  description:
    'An alert about an AI risk incident sent by a single window to a partner. CloudEvents 1.0 JSON event format; ' +
    'unknown top-level members are CloudEvents extension attributes and are allowed (ignore the ones you do not know). ' +
    'The `jws` extension is the detached JWS (RFC 7515/7797, Ed25519) over the RFC 8785 canonical form of this object without `jws`.',
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'jws', 'data'],
  properties: {
    specversion: { description: 'CloudEvents specification version (CloudEvents 1.0 §3.1.1).', const: '1.0' },
    id: {
      description: 'The alert id (equals data.alertId and the Standard Webhooks `webhook-id`); stable across re-sends, so use it to drop repeats.',
      type: 'string',
      format: 'uuid',
    },
    source: {
      description: 'The sending single window, `/aisw/<ISO 3166-1 alpha-2 jurisdiction>` (CloudEvents URI-reference).',
      type: 'string',
      minLength: 1,
      format: 'uri-reference',
    },
    type: { description: 'CloudEvents type of a v1 alert.', const: 'org.aisw.alert.v1' },
    subject: { description: 'The incident id (equals data.incident.id and the Kafka message key).', type: 'string', format: 'uuid' },
    time: { description: 'When the alert was routed (RFC 3339).', type: 'string', format: 'date-time' },
    datacontenttype: { description: '`data` is a JSON object.', const: 'application/json' },
    dataschema: { description: 'Optional CloudEvents `dataschema` URI.', type: 'string', format: 'uri' },
    jws: {
      description: 'Detached compact JWS `<protected>..<signature>` (base64url parts, empty payload): alg Ed25519, b64 false, crit ["b64"], kid in the sender JWK set.',
      type: 'string',
      maxLength: 4096,
      pattern: '^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+$',
    },
    data: { $ref: '#/$defs/AlertData' },
  },
  additionalProperties: true,
  $defs: {
    AlertData: {
      description:
        'What a partner single window receives about an incident (libs/contracts AlertData). Later versions may add members: ' +
        'unknown members are allowed and should be ignored.',
      type: 'object',
      required: ['alertId', 'msgType', 'version', 'references', 'partnerId', 'sentAt', 'incident', 'classification'],
      properties: {
        alertId: { description: 'Deterministic in (incident, partner, version): a re-sent alert keeps its id.', type: 'string', format: 'uuid' },
        msgType: {
          description:
            'OASIS CAP 1.2 §3.2.1 msgType: Alert (first version sent to this partner), Update (the incident was amended), ' +
            'Cancel (retracted, or its sharing narrowed so this partner may no longer hold it: delete or stop using it).',
          enum: ['Alert', 'Update', 'Cancel'],
        },
        version: { description: 'The incident version this alert carries (equals data.incident.version).', type: 'integer', minimum: 1, maximum: 2147483647 },
        references: {
          description: 'Alert ids of the earlier versions this partner was sent about the incident (CAP 1.2 references), oldest first.',
          type: 'array',
          items: { type: 'string', format: 'uuid' },
        },
        note: { description: 'Why an Update or Cancel was sent (e.g. the retraction reason).', type: 'string', maxLength: 2000 },
        partnerId: { description: 'The receiving partner.', type: 'string', format: 'uuid' },
        sentAt: { type: 'string', format: 'date-time' },
        incident: { $ref: '#/$defs/IncidentSnapshot' },
        classification: { $ref: '#/$defs/IncidentClassification' },
        redactions: {
          description:
            'What the sender redacted before the alert left its jurisdiction: counts per kind (email, phone, cnResidentId, usSsn, ukNino, iban, ' +
            'personalField), never the values. Redacted text reads as the sender\'s token, by default `[redacted:<kind>]`.',
          type: 'object',
          additionalProperties: { type: 'integer', minimum: 1 },
        },
      },
      additionalProperties: true,
    },
    IncidentSnapshot: {
      description:
        'The incident as filed (bounds of POST /incidents). Later versions may add members: unknown members are allowed and should be ignored.',
      type: 'object',
      required: [
        'id',
        'title',
        'description',
        'occurredAt',
        'country',
        'language',
        'sector',
        'reportingOrganisation',
        'aiSystemName',
        'developer',
        'deployer',
        'harmDescription',
        'sourceUrls',
        'tlp',
        'originJurisdiction',
        'filedAt',
        'version',
        'status',
        'updatedAt',
      ],
      properties: {
        id: { type: 'string', format: 'uuid' },
        title: { type: 'string', minLength: 1, maxLength: 300, pattern: PLAIN_TEXT },
        description: { type: 'string', minLength: 1, maxLength: 10000, pattern: PLAIN_TEXT },
        occurredAt: { description: 'When the harm occurred (not before 1950, not after filing).', type: 'string', format: 'date-time' },
        country: { description: 'ISO 3166-1 alpha-2 country where the harm occurred.', type: 'string', pattern: '^[A-Z]{2}$' },
        language: { description: 'ISO 639-1 language of the text.', enum: ['en', 'zh'] },
        sector: {
          description: 'Sector code from the taxonomy (e.g. healthcare, autonomous_driving); new codes may be added.',
          type: ['string', 'null'],
          pattern: '^[a-z][a-z0-9_]{0,39}$',
        },
        reportingOrganisation: { type: 'string', minLength: 1, maxLength: 200, pattern: PLAIN_TEXT },
        aiSystemName: { type: ['string', 'null'], minLength: 1, maxLength: 200, pattern: PLAIN_TEXT },
        developer: { type: ['string', 'null'], minLength: 1, maxLength: 200, pattern: PLAIN_TEXT },
        deployer: { type: ['string', 'null'], minLength: 1, maxLength: 200, pattern: PLAIN_TEXT },
        harmDescription: { type: ['string', 'null'], maxLength: 5000, pattern: PLAIN_TEXT },
        sourceUrls: {
          type: 'array',
          maxItems: 20,
          // Not format "uri": filings accept what class-validator isURL accepts, e.g. non-ASCII paths (IRIs).
          items: {
            description: 'An http(s) URL as filed (may contain non-ASCII characters, i.e. an IRI).',
            type: 'string',
            maxLength: 2000,
            pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s<>]+$',
          },
        },
        tlp: { description: 'TLP 2.0 marking (FIRST, August 2022): respect its sharing limits.', enum: ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] },
        originJurisdiction: { description: 'ISO 3166-1 alpha-2 code of the single window the incident was filed with.', type: 'string', pattern: '^[A-Z]{2}$' },
        filedAt: { type: 'string', format: 'date-time' },
        version: { description: '1 when filed; +1 per amendment or retraction (a 32-bit signed integer).', type: 'integer', minimum: 1, maximum: 2147483647 },
        status: { enum: ['active', 'retracted'] },
        updatedAt: { type: 'string', format: 'date-time' },
        personalFields: {
          description: 'Fields the filer marked personal; they arrive replaced by the redaction token (sourceUrls: empty).',
          type: 'array',
          maxItems: 8,
          items: { type: 'string' },
        },
        onwardSharing: {
          description:
            'Whether the originating single window lets a receiving single window share the incident onward with its own partners ' +
            '(TLP:CLEAR and TLP:GREEN only; AMBER, AMBER+STRICT and RED never travel on, whatever this says). Absent: false.',
          type: 'boolean',
        },
      },
      additionalProperties: true,
    },
    IncidentClassification: {
      description:
        'Output of the taxonomy classifier (libs/taxonomy IncidentClassification). Later classifier versions add optional members: unknown members are allowed here and in its parts.',
      type: 'object',
      required: ['classifierVersion', 'mechanism', 'magnitude', 'source'],
      properties: {
        // 40: the stored column (incident_classifications.classifier_version varchar(40)); our versions are like "0.8.2".
        classifierVersion: { type: 'string', minLength: 1, maxLength: 40, pattern: PLAIN_TEXT },
        mechanism: { $ref: '#/$defs/AxisResult', type: 'object', properties: { label: { enum: ['loss_of_control', 'misuse', 'undetermined'] } } },
        magnitude: { $ref: '#/$defs/AxisResult', type: 'object', properties: { label: { enum: ['existential', 'general', 'undetermined'] } } },
        source: { $ref: '#/$defs/AxisResult', type: 'object', properties: { label: { enum: ['system', 'enabled', 'undetermined'] } } },
        // Members added by classifier 0.2.0, optional because earlier results lack them; their vocabularies grow
        // with the taxonomy, so only their shape is checked here.
        harmTypes: { description: 'Harm types the text shows (HARM_TYPES order), each with evidence.', type: 'array', items: { type: 'object' } },
        sector: { description: 'Sector label and whether the filer or the text gave it.', type: 'object' },
        lifecycleStage: { description: 'Lifecycle stage, paper and NIST AI RMF terms.', type: 'object' },
        severity: { description: 'Severity label and the deaths, injuries and USD loss stated in the text.', type: 'object' },
        redLineFlags: { description: 'Red lines the text shows; any one makes the urgency flash.', type: 'array', items: { type: 'object' } },
        urgency: { description: 'Alert urgency (flash, priority, routine) and the rule that set it.', type: 'object' },
        oecd: { description: 'OECD AI incident versus AI hazard.', $ref: '#/$defs/AxisResult' },
        euAiAct: { description: 'EU AI Act Art. 3(49) category and Art. 73 reporting deadline the text suggests.', type: 'object' },
        proposedLabels: { description: "The filer's proposed axis labels.", type: 'object' },
        disagreements: { description: 'Axes where a proposal differs from the classifier.', type: 'array', items: { type: 'string' } },
      },
      additionalProperties: true,
    },
    AxisResult: {
      description: 'The result on one taxonomy axis: a label or `undetermined`, a confidence in [0, 1] and the evidence.',
      type: 'object',
      required: ['label', 'confidence', 'evidence'],
      properties: {
        label: { type: 'string' },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
        evidence: { type: 'array', items: { $ref: '#/$defs/Evidence' } },
      },
      additionalProperties: true,
    },
    Evidence: {
      description: 'Why a label was chosen. Known kinds: `phrase` (a match in the text) and `field` (a structured field); new kinds may be added.',
      type: 'object',
      required: ['kind', 'supports', 'weight'],
      properties: {
        kind: { type: 'string' },
        supports: { description: 'The label this evidence votes for.', type: 'string' },
        weight: { type: 'number' },
      },
      allOf: [
        { if: { type: 'object', required: ['kind'], properties: { kind: { const: 'phrase' } } }, then: { $ref: '#/$defs/PhraseEvidence' } },
        { if: { type: 'object', required: ['kind'], properties: { kind: { const: 'field' } } }, then: { $ref: '#/$defs/FieldEvidence' } },
      ],
      additionalProperties: true,
    },
    PhraseEvidence: {
      description: 'A lexicon match: `start`/`end` are UTF-16 code-unit offsets into the field text, end exclusive.',
      type: 'object',
      required: ['field', 'start', 'end', 'text', 'term'],
      properties: {
        field: { enum: ['title', 'description', 'harmDescription'] },
        start: { type: 'integer', minimum: 0 },
        end: { type: 'integer', minimum: 0 },
        text: { type: 'string' },
        term: { type: 'string' },
      },
    },
    FieldEvidence: {
      description: 'A structured field of the filing used as evidence (e.g. sector = military).',
      type: 'object',
      required: ['field', 'value'],
      properties: {
        field: { type: 'string' },
        value: { type: 'string' },
      },
    },
  },
} as const;
