import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';
import { RequestValidationError } from './problem-details.js';

/** Deepest JSON nesting accepted; the deepest DTO (partners → subscriptions → lists) needs 3. */
export const MAX_JSON_DEPTH = 16;
/** Keys that could reach prototypes in libraries that copy objects; never legitimate in this API. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
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

/**
 * Express middleware, before the body parser: a request that carries a body must say it is JSON, else 415
 * (RFC 9110 §15.5.16); `/federation/alerts` also takes `application/cloudevents+json`. Requests without a body pass.
 */
export function requireJsonMediaType(request: Request, _response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const accepted = request.path === PEER_ALERTS_PATH ? PEER_ALERT_MEDIA_TYPES : JSON_MEDIA_TYPES;
  if (hasBody && !accepted.includes(mediaType)) {
    next(Object.assign(new Error(`Content-Type must be application/json, not ${mediaType || 'missing'}`), { status: 415, expose: true }));
    return;
  }
  next();
}

/** What a parsed JSON body is, for the error that refuses it: `an array`, `a number`, `null`… */
const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/**
 * Express middleware, after the body parser (non-strict, so any JSON value parses): refuses a body that is valid JSON
 * but not an object (`[]`, `3`, `"x"`, `null`) with 400 naming `body`; then walks the parsed JSON without recursion
 * and refuses nesting deeper than MAX_JSON_DEPTH and the keys `__proto__`, `constructor`, `prototype`, with a 400
 * naming the path. Requests without a body (`request.body` undefined) pass.
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
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: request.body as unknown, path: '', depth: 0 }];
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
        next(new RequestValidationError([{ field: childPath, messages: [`property ${key} is not allowed`] }]));
        return;
      }
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  next();
}
