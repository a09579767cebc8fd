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
 * `ce_*` headers, data as the JSON value, `key` as the partition key. Uses the `cloudevents` SDK.
 */
export function toKafkaBinaryMessage<T>(
  attributes: CloudEventAttributes<T>,
  key: string,
  extraHeaders: Record<string, string> = {},
): { key: string; value: string; headers: IHeaders } {
  const defined = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
  const event = new CloudEvent<T>({ ...defined, datacontenttype: 'application/json' });
  const message = Kafka.binary(event);
  const headers: IHeaders = { ...extraHeaders };
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined && value !== null) headers[name] = String(value);
  }
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
