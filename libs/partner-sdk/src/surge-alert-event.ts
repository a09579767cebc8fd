import { EventTypes, SURGE_ALERT_EVENT_V1_SCHEMA, type SurgeAlertData } from '@app/contracts';
import { parseAlertEvent, type AlertEvent } from './alert-event.js';
import { createEventParser, jsonValueOf } from './json-event.js';

/**
 * An `org.aisw.surge-alert.v1` CloudEvent in structured JSON mode: a routine alert that the weekly count of one
 * category of incidents surged (CDC EARS C2; docs/signals.md). `id` is the alert id, `subject` the surge signal id,
 * `jws` the detached signature over the rest (verify it with {@link verifyAlertSignature}, as for incident alerts).
 * `data.signal` holds the figures: `{ id, dimension, value, weekStart, weekEnd, count, expected, sd, statistic,
 * threshold, method, detectedAt }` (counts per ISO week, UTC). No incident text travels.
 */
export interface SurgeAlertEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: typeof EventTypes.surgeAlert;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema?: string;
  jws: string;
  data: SurgeAlertData;
  [extension: string]: unknown;
}

/** What a partner's webhook or alerts topic carries: an incident alert or a surge alert; branch on `type`. */
export type ReceivedAlertEvent = AlertEvent | SurgeAlertEvent;

const parse = createEventParser<SurgeAlertEvent>(SURGE_ALERT_EVENT_V1_SCHEMA, 'surge alert event');

/**
 * Parses and validates a surge alert against SURGE_ALERT_EVENT_V1_SCHEMA (JSON Schema 2020-12,
 * `https://aisw.example/schemas/surge-alert/v1.json`, served at `/schemas/surge-alert/v1.json`).
 * `input` is JSON text (string or UTF-8 bytes) or an already parsed value. Does not check any signature.
 * Errors: throws {@link AlertVerificationError} `invalid-envelope` with `details` (JSON Pointer paths).
 */
export function parseSurgeAlertEvent(input: unknown): SurgeAlertEvent {
  return parse(input);
}

/**
 * Parses either kind of alert a partner receives, by its `type`: `org.aisw.surge-alert.v1` against the surge alert
 * schema, anything else against the incident alert schema (so an unknown type is refused naming `/type`).
 * Does not check any signature. Errors: {@link AlertVerificationError} `invalid-envelope` with `details`.
 */
export function parseReceivedAlertEvent(input: unknown): ReceivedAlertEvent {
  const value = jsonValueOf(input, 'alert event');
  return isSurgeAlertType(value) ? parseSurgeAlertEvent(value) : parseAlertEvent(value);
}

/** True for a surge alert (narrows the type); decided on `type` alone. */
export function isSurgeAlertEvent(event: ReceivedAlertEvent): event is SurgeAlertEvent {
  return isSurgeAlertType(event);
}

function isSurgeAlertType(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === EventTypes.surgeAlert;
}
