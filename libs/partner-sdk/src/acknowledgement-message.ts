import { randomUUID } from 'node:crypto';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { CloudEvent, Kafka } from 'cloudevents';
import {
  ACKNOWLEDGEMENT_EVENT_V1_SCHEMA,
  EventTypes,
  partnerAcksTopic,
  type AcknowledgementData,
} from '@app/contracts';
import { AlertVerificationError, type EnvelopeProblem } from './alert-verification-error.js';
import { toProblems } from './alert-event.js';
import { cloudEventOfKafkaRecord, type KafkaAlertMessage } from './kafka-alert.js';

/** An `org.aisw.alert.acknowledgement.v1` CloudEvent in structured JSON form, validated. */
export interface AcknowledgementEvent {
  specversion: '1.0';
  id: string;
  /** `/aisw/partners/<slug>` of the acknowledging partner. */
  source: string;
  type: typeof EventTypes.acknowledgement;
  /** The acknowledged alert id. */
  subject: string;
  time?: string;
  datacontenttype: 'application/json';
  data: AcknowledgementData;
  [extension: string]: unknown;
}

/** A Kafka record ready for `producer.send({ topic, messages: [message] })` (kafkajs shape; strings only). */
export interface AcknowledgementRecord {
  /** `<prefix>.partner.<slug>.acks.v1`: the partner's own acknowledgement topic. */
  topic: string;
  message: { key: string; value: string; headers: Record<string, string> };
  /** The CloudEvents id (keep it to re-send the same acknowledgement: a repeat is applied once). */
  id: string;
}

export interface AcknowledgementOptions extends AcknowledgementData {
  /** The sending single window's `KAFKA_TOPIC_PREFIX` (default `aisw`). */
  topicPrefix?: string;
  /** Your partner slug, as onboarded (`[a-z0-9-]{1,60}`). */
  partnerSlug: string;
  /** CloudEvents id; default a random UUID. Re-use it when re-sending the same acknowledgement. */
  id?: string;
  /** Default now. */
  time?: Date;
}

let validator: ValidateFunction | undefined;

function validate(value: unknown): value is AcknowledgementEvent {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true });
    ajvFormats.default(ajv);
    validator = ajv.compile(ACKNOWLEDGEMENT_EVENT_V1_SCHEMA);
  }
  return validator(value);
}

function assertValid(value: unknown): AcknowledgementEvent {
  if (validate(value)) return value;
  const problems: EnvelopeProblem[] = toProblems(validator?.errors ?? []).slice(0, 20);
  throw new AlertVerificationError(
    'invalid-envelope',
    `acknowledgement does not match ${ACKNOWLEDGEMENT_EVENT_V1_SCHEMA.$id}: ${problems.map((p) => `${p.path || '(event)'} ${p.message}`).join('; ')}`,
    problems,
  );
}

/**
 * Builds the Kafka record that acknowledges an alert through your acknowledgement topic: CloudEvents 1.0 binary
 * content mode (Kafka protocol binding §3.2), type `org.aisw.alert.acknowledgement.v1`, `ce_source`
 * `/aisw/partners/<slug>`, `ce_subject` and key = the alert id, value = the JSON data. Validated against
 * ACKNOWLEDGEMENT_EVENT_V1_SCHEMA before it is built, so the single window will not refuse it for its shape.
 * Errors: {@link AlertVerificationError} `invalid-envelope` listing each violation (e.g. `/data/note` too long).
 */
export function buildAcknowledgementRecord(options: AcknowledgementOptions): AcknowledgementRecord {
  const { topicPrefix = 'aisw', partnerSlug, id = randomUUID(), time = new Date(), ...data } = options;
  const event = assertValid({
    specversion: '1.0',
    id,
    source: `/aisw/partners/${partnerSlug}`,
    type: EventTypes.acknowledgement,
    subject: data.alertId,
    time: time.toISOString(),
    datacontenttype: 'application/json',
    dataschema: ACKNOWLEDGEMENT_EVENT_V1_SCHEMA.$id,
    data: JSON.parse(JSON.stringify(data)) as AcknowledgementData, // drops undefined members
  });
  const binary = Kafka.binary(new CloudEvent({ ...event }));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(binary.headers)) if (value !== undefined && value !== null) headers[name] = String(value);
  return { topic: partnerAcksTopic(topicPrefix, partnerSlug), id, message: { key: data.alertId, value: JSON.stringify(event.data), headers } };
}

/**
 * Reads an acknowledgement back from a Kafka record (binary or structured mode) and validates it against
 * ACKNOWLEDGEMENT_EVENT_V1_SCHEMA; also checks `subject` equals `data.alertId`. The single window uses it on its
 * acknowledgement consumer. Errors: {@link AlertVerificationError} `invalid-envelope`.
 */
export function parseAcknowledgementRecord(message: KafkaAlertMessage): AcknowledgementEvent {
  let value = cloudEventOfKafkaRecord(message, 'an acknowledgement');
  if (typeof value === 'string' || value instanceof Uint8Array) {
    try {
      value = JSON.parse(typeof value === 'string' ? value : new TextDecoder().decode(value));
    } catch (error) {
      throw new AlertVerificationError('invalid-envelope', 'acknowledgement is not JSON', [{ path: '', message: 'is not JSON' }], { cause: error });
    }
  }
  const event = assertValid(value);
  if (event.subject !== event.data.alertId)
    throw new AlertVerificationError('invalid-envelope', 'acknowledgement subject is not data.alertId', [{ path: '/subject', message: 'must equal /data/alertId' }]);
  return event;
}
