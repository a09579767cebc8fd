import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { AlertVerificationError, type EnvelopeProblem } from './alert-verification-error.js';

/** Schema violations listed in an error; the rest are counted (a hostile body could have thousands). */
const MAX_REPORTED_PROBLEMS = 20;

/**
 * `input` as a JSON value: JSON text (a string or UTF-8 bytes, e.g. a raw webhook body) is parsed, anything else is
 * returned as it is. Errors: {@link AlertVerificationError} `invalid-envelope` when the text is not JSON.
 */
export function jsonValueOf(input: unknown, what: string): unknown {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return input;
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AlertVerificationError('invalid-envelope', `${what} is not JSON`, [{ path: '', message: 'is not JSON' }], { cause: error });
  }
}

/**
 * A parser of one CloudEvent type against its JSON Schema 2020-12 (Ajv, formats uuid, date-time, uri asserted; the
 * schema is compiled on first use). The parser takes JSON text, bytes or a parsed value and returns the typed event.
 * Errors: {@link AlertVerificationError} `invalid-envelope` with `details` listing each failing JSON Pointer path (for
 * a missing member, the path it should have had, e.g. `/id`), at most 20 of them.
 */
export function createEventParser<T>(schema: Record<string, unknown> & { $id: string }, what: string): (input: unknown) => T {
  let validator: ValidateFunction | undefined;
  return (input) => {
    const value = jsonValueOf(input, what);
    if (!validator) {
      // allowUnionTypes: the schemas use ["string", "null"] for nullable fields.
      const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
      ajvFormats.default(ajv);
      validator = ajv.compile(schema);
    }
    if (validator(value)) return value as T;
    const problems = toProblems(validator.errors ?? []);
    const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
    const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
    throw new AlertVerificationError(
      'invalid-envelope',
      `${what} does not match ${schema.$id}: ${shown.map((p) => `${p.path || '(event)'} ${p.message}`).join('; ')}${more}`,
      shown,
    );
  };
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
