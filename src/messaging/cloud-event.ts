import { CloudEvent, Kafka, type KafkaMessage } from 'cloudevents';
import type { IHeaders } from 'kafkajs';

/** Attributes of a CloudEvents 1.0 event with JSON data. */
export interface CloudEventAttributes<T> {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  data: T;
  dataschema?: string;
  /** Detached JWS over the event (CloudEvents extension attribute `jws`; see libs/contracts alert-signature). */
  jws?: string;
}

/**
 * The event in CloudEvents 1.0 structured JSON form (JSON event format §3): what a webhook body carries and what
 * an alert signature covers (without `jws`). Absent optional attributes are left out, never null.
 */
export function toStructuredEvent<T>(attributes: CloudEventAttributes<T>): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: attributes.id,
    source: attributes.source,
    type: attributes.type,
    subject: attributes.subject,
    time: attributes.time,
    datacontenttype: 'application/json',
    ...(attributes.dataschema ? { dataschema: attributes.dataschema } : {}),
    ...(attributes.jws ? { jws: attributes.jws } : {}),
    data: attributes.data,
  };
}

/**
 * Builds a Kafka message in CloudEvents binary content mode (Kafka protocol binding 1.0, §3.2): attributes as
 * `ce_*` headers, data as the JSON value, `key` as the partition key. The headers are the ones the `cloudevents`
 * SDK's `Kafka.binary` writes, in its order (cloud-event.spec.ts compares them), but built directly: every event
 * sent here is built by this app from values it made (ids, its own source, ISO times, schema ids), so the SDK's
 * per-message schema validation (ajv) and event object cost CPU on every alert and check nothing the types do not.
 * Inbound messages are still parsed and validated by the SDK (`fromKafkaBinaryMessage`).
 * Errors: throws when a required attribute (id, type, source) is empty.
 */
export function toKafkaBinaryMessage<T>(
  attributes: CloudEventAttributes<T>,
  key: string,
  extraHeaders: Record<string, string> = {},
): { key: string; value: string; headers: IHeaders } {
  if (!attributes.id || !attributes.type || !attributes.source) throw new TypeError('a CloudEvent needs a non-empty id, type and source');
  const headers: IHeaders = {
    ...extraHeaders,
    'content-type': 'application/json',
    ce_id: attributes.id,
    ce_time: attributes.time,
    ce_type: attributes.type,
    ce_source: attributes.source,
    ce_specversion: '1.0',
    ce_datacontenttype: 'application/json',
  };
  if (attributes.subject !== undefined) headers.ce_subject = attributes.subject;
  if (attributes.dataschema !== undefined) headers.ce_dataschema = attributes.dataschema;
  if (attributes.jws !== undefined) headers.ce_jws = attributes.jws;
  return { key, value: JSON.stringify(attributes.data), headers };
}

/**
 * Reads a CloudEvent back from a binary-mode Kafka message.
 * Errors: throws when required `ce_*` headers are missing or the value is not JSON.
 */
export function fromKafkaBinaryMessage<T>(message: {
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}): CloudEventAttributes<T> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  const value = message.value ?? Buffer.alloc(0);
  const kafkaMessage: KafkaMessage<Buffer> = { headers, key: message.key ?? '', value, body: value };
  const event = Kafka.toEvent(kafkaMessage); // parses the JSON value (content-type application/json)
  if (Array.isArray(event)) throw new Error('a Kafka message carries one CloudEvent, not a batch');
  return {
    id: event.id,
    type: event.type,
    source: event.source,
    subject: event.subject ?? '',
    time: event.time ?? new Date().toISOString(),
    data: (event as CloudEvent<T>).data as T,
    dataschema: event.dataschema,
    jws: typeof event.jws === 'string' ? event.jws : undefined,
  };
}

/** A Kafka header value as a string (kafkajs gives Buffers). */
export function headerValue(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}
