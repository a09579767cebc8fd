import { Kafka, type CloudEventV1, type KafkaMessage } from 'cloudevents';
import { AlertVerificationError, type EnvelopeProblem } from './alert-verification-error.js';
import { parseAlertEvent, type AlertEvent } from './alert-event.js';
import { parseReceivedAlertEvent, type ReceivedAlertEvent } from './surge-alert-event.js';

/** A consumed Kafka record, as kafkajs (`KafkaMessage`) and most clients give it. */
export interface KafkaAlertMessage {
  key?: Uint8Array | string | null;
  value: Uint8Array | string | null;
  headers?: Readonly<Record<string, Uint8Array | string | ReadonlyArray<Uint8Array | string> | undefined>>;
}

const STRUCTURED_MODE = 'application/cloudevents+json';
const BATCH_MODE = 'application/cloudevents-batch';
/** Attributes the `cloudevents` SDK would invent when their header is missing (a fresh id, now, "1.0"). */
const DEFAULTED_HEADERS = { ce_specversion: '/specversion', ce_id: '/id', ce_time: '/time' } as const;

/**
 * Rebuilds the structured alert event from a partner-topic Kafka record, validated as {@link parseAlertEvent} does.
 * Binary content mode (CloudEvents Kafka protocol binding 1.0 §3.2, what the single window writes): every `ce_<name>`
 * header is attribute `<name>` (`ce_jws` is the signature), `content-type` is `datacontenttype`, the value is the
 * JSON `data`; the key (incident id) is not part of the event. `ce_time` is kept exactly as sent, because the
 * signature covers it. A structured-mode record (`content-type: application/cloudevents+json`) is parsed as is.
 * Verify the result with {@link verifyAlertSignature} before trusting it.
 * Errors: throws {@link AlertVerificationError} `invalid-envelope` when the record is not one such CloudEvent.
 */
export function fromKafkaMessage(message: KafkaAlertMessage): AlertEvent {
  return parseAlertEvent(cloudEventOfKafkaRecord(message, 'an alert'));
}

/**
 * As {@link fromKafkaMessage}, for a partner that opted in to surge alerts: the record's event is an incident alert or
 * an `org.aisw.surge-alert.v1` (key: the surge signal id), each validated against its own schema
 * ({@link parseReceivedAlertEvent}). Verify the result with {@link verifyAlertSignature} before trusting it.
 * Errors: throws {@link AlertVerificationError} `invalid-envelope` when the record is neither.
 */
export function receivedAlertFromKafkaMessage(message: KafkaAlertMessage): ReceivedAlertEvent {
  return parseReceivedAlertEvent(cloudEventOfKafkaRecord(message, 'an alert'));
}

/**
 * The CloudEvent a Kafka record carries, in structured JSON form but not yet validated: for binary mode the object
 * rebuilt from `ce_*` headers and the JSON value (`ce_time` kept exactly as sent), for structured mode the raw value
 * (JSON text). Shared by {@link fromKafkaMessage} and parseAcknowledgementMessage.
 * Errors: {@link AlertVerificationError} `invalid-envelope` for a batch, missing `ce_*` headers or a value that is not JSON.
 */
export function cloudEventOfKafkaRecord(message: KafkaAlertMessage, what: string): unknown {
  const headers = headerStrings(message.headers ?? {});
  const contentType = headers['content-type'] ?? '';
  if (contentType.startsWith(STRUCTURED_MODE)) return message.value ?? '';
  if (contentType.startsWith(BATCH_MODE)) throw invalid(`a batch of CloudEvents is not ${what}`, []);

  const missing: EnvelopeProblem[] = Object.entries(DEFAULTED_HEADERS)
    .filter(([name]) => !headers[name])
    .map(([name, path]) => ({ path, message: `is required (Kafka header ${name})` }));
  if (missing.length) throw invalid('Kafka record lacks CloudEvents headers', missing);

  const value = typeof message.value === 'string' ? Buffer.from(message.value, 'utf8') : toBuffer(message.value ?? new Uint8Array());
  const key = message.key === null || message.key === undefined ? '' : typeof message.key === 'string' ? message.key : toBuffer(message.key);
  let event: CloudEventV1<unknown> | Array<CloudEventV1<unknown>>;
  try {
    const record: KafkaMessage<Buffer> = { headers, key, value, body: value };
    event = Kafka.toEvent(record); // parses the JSON value (content-type application/json)
  } catch (error) {
    throw invalid(`not a CloudEvents Kafka record: ${error instanceof Error ? error.message : String(error)}`, [], error);
  }
  if (Array.isArray(event)) throw invalid(`a batch of CloudEvents is not ${what}`, []);

  const structured: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(event)) {
    // partitionkey is the SDK's name for the record key (binding §3.1), not an attribute of the signed event.
    if (attribute !== undefined && name !== 'partitionkey') structured[name] = attribute;
  }
  structured.time = headers.ce_time; // the SDK re-formats it; the signature covers the original
  return structured;
}

function headerStrings(raw: NonNullable<KafkaAlertMessage['headers']>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const single = Array.isArray(value) ? (value.length === 1 ? (value[0] as Uint8Array | string) : undefined) : (value as Uint8Array | string);
    if (single === undefined) throw invalid(`Kafka header ${name} appears ${(value as unknown[]).length} times`, []);
    headers[name.toLowerCase()] = typeof single === 'string' ? single : new TextDecoder().decode(single);
  }
  return headers;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function invalid(message: string, details: EnvelopeProblem[], cause?: unknown): AlertVerificationError {
  return new AlertVerificationError('invalid-envelope', message, details, { cause });
}
