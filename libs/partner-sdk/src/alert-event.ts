import { ALERT_EVENT_V1_SCHEMA, type AlertData, type EventTypes } from '@app/contracts';
import { createEventParser } from './json-event.js';

export { toProblems } from './json-event.js';

/**
 * An `org.aisw.alert.v1` CloudEvent in structured JSON mode (CloudEvents 1.0 JSON event format §3), as the webhook
 * body carries it and as {@link fromKafkaMessage} rebuilds it from Kafka binary mode. `id` is the alert id,
 * `subject` the incident id, `jws` the detached signature over the rest. Unknown members are CloudEvents
 * extension attributes a later version may add.
 */
export interface AlertEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: typeof EventTypes.alert;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema?: string;
  jws: string;
  data: AlertData;
  [extension: string]: unknown;
}

const parse = createEventParser<AlertEvent>(ALERT_EVENT_V1_SCHEMA, 'alert event');

/**
 * Parses and validates an alert event against ALERT_EVENT_V1_SCHEMA (JSON Schema 2020-12,
 * `https://aisw.example/schemas/alert/v1.json`; formats uuid, date-time, uri asserted).
 * `input` is JSON text (string or UTF-8 bytes, e.g. a raw webhook body) or an already parsed value.
 * Surge alerts (`org.aisw.surge-alert.v1`) do not pass: use {@link parseReceivedAlertEvent} to take either.
 * Does not check any signature: see {@link verifyWebhook} and {@link verifyAlertSignature}.
 * Errors: throws {@link AlertVerificationError} `invalid-envelope` with `details` listing each failing JSON
 * Pointer path (for a missing member, the path it should have had, e.g. `/id`).
 */
export function parseAlertEvent(input: unknown): AlertEvent {
  return parse(input);
}
