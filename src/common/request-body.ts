import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';
import { visit, type JSONPath } from 'jsonc-parser';
import { RequestValidationError, type FieldViolation } from './problem-details.js';

/** Deepest JSON nesting accepted; the deepest DTO (partners → subscriptions → lists) needs 3. */
export const MAX_JSON_DEPTH = 16;
/**
 * Keys that could reach prototypes in libraries that copy objects; never legitimate in this API. JSON.parse itself
 * cannot pollute (it defines `__proto__` as an own data property, ECMA-262 §25.5.1); the danger is a later copy or merge.
 */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** The refusals of the forbidden keys checkJsonShape removed, by the parsed body they were removed from. */
const removedKeys = new WeakMap<object, FieldViolation[]>();
const JSON_MEDIA_TYPES = ['application/json', 'application/problem+json'];
/** The inbound endpoint for peer alerts (src/federation), whose body stays raw bytes for the webhook HMAC. */
export const PEER_ALERTS_PATH = '/federation/alerts';
/** CloudEvents structured JSON (what the webhook dispatcher sends) and plain JSON. */
export const PEER_ALERT_MEDIA_TYPES = ['application/cloudevents+json', 'application/json'];

/** Thrown by the body parser's `verify` hook; mapped to 400 by ProblemDetailsFilter. */
export class InvalidUtf8Error extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'encoding.invalid-utf8';
  constructor() {
    super('Request body is not valid UTF-8');
  }
}

/**
 * body-parser `verify` hook: refuses bodies that are not well-formed UTF-8 (RFC 8259 §8.1) instead of replacing bytes.
 * `isUtf8` (node:buffer, simdutf) checks without decoding the body into a string a second time.
 */
export function verifyUtf8(_request: unknown, _response: unknown, buffer: Buffer): void {
  if (!isUtf8(buffer)) throw new InvalidUtf8Error();
}

/** Thrown by `verifyJsonBody` for a body with duplicate keys: a 400 VALIDATION.FAILED naming each duplicated path. */
export class DuplicateKeysError extends RequestValidationError {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'entity.verify.failed';
}

/**
 * body-parser `verify` hook of JSON bodies: `verifyUtf8`, then refuses a key given twice in one object, at any depth,
 * with 400 naming each duplicated path (`contacts.0.email`). RFC 8259 §4 leaves duplicate names to the parser
 * (JSON.parse keeps the last); for filings an ambiguous body is refused rather than silently read one way. The bytes
 * are scanned with jsonc-parser's `visit` (escapes decoded, so `"a"` and `"\u0061"` are the same key) before
 * JSON.parse runs; a body it cannot scan as strict JSON (a syntax error, or nesting too deep for its recursion) is left
 * to JSON.parse and `checkJsonShape`, which refuse it in their own words.
 * Errors: InvalidUtf8Error, DuplicateKeysError.
 */
export function verifyJsonBody(request: unknown, response: unknown, buffer: Buffer): void {
  verifyUtf8(request, response, buffer);
  const duplicates = duplicateKeyPaths(buffer.toString('utf8'));
  if (duplicates.length > 0) {
    throw new DuplicateKeysError(
      duplicates.map(({ path, key }) => ({ field: path, messages: [`duplicate key ${key}: a key may appear only once in a JSON object`] })),
    );
  }
}

/** Dotted paths (and last keys) of the keys given more than once in one object of `text`, each once; [] when `text` is not strict JSON. */
export function duplicateKeyPaths(text: string): Array<{ path: string; key: string }> {
  const open: Array<Set<string>> = [];
  const found = new Map<string, string>();
  let strict = true;
  const dotted = (path: JSONPath, key: string): string => [...path, key].join('.');
  try {
    visit(
      text,
      {
        onObjectBegin: () => {
          open.push(new Set());
        },
        onObjectEnd: () => {
          open.pop();
        },
        onObjectProperty: (key, _offset, _length, _line, _column, pathOf) => {
          const keys = open.at(-1);
          if (keys?.has(key)) found.set(dotted(pathOf(), key), key);
          keys?.add(key);
        },
        onError: () => {
          strict = false;
        },
      },
      { disallowComments: true, allowTrailingComma: false },
    );
  } catch {
    return []; // RangeError: deeper than its recursion goes; checkJsonShape refuses such nesting
  }
  return strict ? [...found].map(([path, key]) => ({ path, key })) : [];
}

/** The `charset` parameter of a Content-Type header, lower-case and unquoted; undefined when not given. */
function charsetOf(contentType: string): string | undefined {
  for (const parameter of contentType.split(';').slice(1)) {
    const [name, ...value] = parameter.split('=');
    if (name.trim().toLowerCase() === 'charset') return value.join('=').trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  }
  return undefined;
}

/**
 * Express middleware, before the body parser: a request that carries a body must say it is JSON, else 415
 * (RFC 9110 §15.5.16); `/federation/alerts` also takes `application/cloudevents+json`. A `charset` other than utf-8 is
 * 415 too, whatever it is (RFC 8259 §8.1: JSON is UTF-8): body-parser would refuse `latin1` itself but decode `utf-16`
 * and then call the body "not valid JSON". Requests without a body pass.
 */
export function requireJsonMediaType(request: Request, _response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  const contentType = request.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  const accepted = request.path === PEER_ALERTS_PATH ? PEER_ALERT_MEDIA_TYPES : JSON_MEDIA_TYPES;
  if (hasBody && !accepted.includes(mediaType)) {
    next(Object.assign(new Error(`Content-Type must be application/json, not ${mediaType || 'missing'}`), { status: 415, expose: true }));
    return;
  }
  const charset = charsetOf(contentType);
  if (hasBody && charset !== undefined && charset !== 'utf-8') {
    next(Object.assign(new Error(`Content-Type charset must be utf-8 (JSON is UTF-8, RFC 8259 §8.1), not ${charset || 'empty'}`), { status: 415, expose: true }));
    return;
  }
  next();
}

/** What a parsed JSON body is, for the error that refuses it: `an array`, `a number`, `null`… */
const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/**
 * Express middleware, after the body parser (non-strict, so any JSON value parses): refuses a body that is valid JSON
 * but not an object (`[]`, `3`, `"x"`, `null`) with 400 naming `body`, and nesting deeper than MAX_JSON_DEPTH with a
 * 400 naming the path (walked without recursion). Removes the keys `__proto__`, `constructor` and `prototype` at any
 * depth before anything else reads the body, and leaves their refusal to the validation pipe
 * (`removedKeyViolations`), so one 400 names them together with every other unknown or invalid field. Requests
 * without a body (`request.body` undefined) pass.
 */
export function checkJsonShape(request: Request, _response: Response, next: NextFunction): void {
  if (Buffer.isBuffer(request.body)) {
    next(); // a raw body (peer alerts) is checked against the alert schema by its handler
    return;
  }
  const body = request.body as unknown;
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    next(new RequestValidationError([{ field: 'body', messages: [`the request body must be a JSON object, not ${kindOf(body)}`] }]));
    return;
  }
  const removed: FieldViolation[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_DEPTH) {
      next(new RequestValidationError([{ field: path || 'body', messages: [`JSON nesting deeper than ${MAX_JSON_DEPTH} levels`] }]));
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        removed.push({ field: childPath, messages: [`property ${key} should not exist`] });
        delete (value as Record<string, unknown>)[key]; // the own property JSON.parse made; Object.prototype is untouched
        continue;
      }
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  if (removed.length > 0) removedKeys.set(body as object, removed.sort((a, b) => a.field.localeCompare(b.field)));
  next();
}

/**
 * The refusals (`property __proto__ should not exist`, by dotted path) of the forbidden keys `checkJsonShape` removed
 * from this parsed body; [] for anything else. Read by the validation pipe, which adds them to the body's other errors.
 */
export function removedKeyViolations(body: unknown): FieldViolation[] {
  return typeof body === 'object' && body !== null ? (removedKeys.get(body) ?? []) : [];
}
