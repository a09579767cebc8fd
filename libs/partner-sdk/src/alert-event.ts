import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { ALERT_EVENT_V1_SCHEMA, type AlertData, type EventTypes } from '@app/contracts';
import { AlertVerificationError, type EnvelopeProblem } from './alert-verification-error.js';

/** Schema violations listed in an error; the rest are counted (a hostile body could have thousands). */
const MAX_REPORTED_PROBLEMS = 20;

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

let validator: ValidateFunction | undefined;

function validate(value: unknown): value is AlertEvent {
  if (!validator) {
    // allowUnionTypes: the schema uses ["string", "null"] for nullable incident fields.
    const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
    ajvFormats.default(ajv);
    validator = ajv.compile(ALERT_EVENT_V1_SCHEMA);
  }
  return validator(value);
}

/**
 * Parses and validates an alert event against ALERT_EVENT_V1_SCHEMA (JSON Schema 2020-12,
 * `https://aisw.example/schemas/alert/v1.json`; formats uuid, date-time, uri asserted).
 * `input` is JSON text (string or UTF-8 bytes, e.g. a raw webhook body) or an already parsed value.
 * Does not check any signature: see {@link verifyWebhook} and {@link verifyAlertSignature}.
 * Errors: throws {@link AlertVerificationError} `invalid-envelope` with `details` listing each failing JSON
 * Pointer path (for a missing member, the path it should have had, e.g. `/id`).
 */
export function parseAlertEvent(input: unknown): AlertEvent {
  let value = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new AlertVerificationError('invalid-envelope', 'alert event is not JSON', [{ path: '', message: 'is not JSON' }], { cause: error });
    }
  }
  if (validate(value)) return value;
  const problems = toProblems(validator?.errors ?? []);
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  throw new AlertVerificationError(
    'invalid-envelope',
    `alert event does not match ${ALERT_EVENT_V1_SCHEMA.$id}: ${shown.map((p) => `${p.path || '(event)'} ${p.message}`).join('; ')}${more}`,
    shown,
  );
}

/** Ajv errors as JSON Pointer paths and messages, de-duplicated; drops the "must match then" wrappers of if/then. */
export function toProblems(errors: ErrorObject[]): EnvelopeProblem[] {
  const seen = new Set<string>();
  const problems: EnvelopeProblem[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    const params = error.params as Record<string, unknown>;
    let path = error.instancePath;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      path = `${path}/${escapePointer(String(params.missingProperty))}`;
      message = 'is required';
    } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      message = `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (error.keyword === 'const') {
      message = `must be ${JSON.stringify(params.allowedValue)}`;
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, message });
  }
  return problems;
}

/** RFC 6901 §3: "~" and "/" in a member name become "~0" and "~1". */
function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}
