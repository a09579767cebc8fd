import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { RequestValidationError } from '../../common/problem-details.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * The id that makes a REST message's side effects happen once: the `Idempotency-Key` header when given (1..200 of
 * [A-Za-z0-9._:-], as `POST /incidents`), else `sha256:<hex>` of `scope` and the JSON body, so the same body sent
 * twice counts once. Errors: 400 naming `Idempotency-Key` when malformed.
 */
export function messageIdOf(idempotencyKey: string | undefined, scope: string, body: unknown): string {
  if (idempotencyKey === undefined) return `sha256:${createHash('sha256').update(`${scope}\n${JSON.stringify(body)}`).digest('hex')}`;
  if (!IDEMPOTENCY_KEY.test(idempotencyKey))
    throw new RequestValidationError([{ field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1..200 characters of [A-Za-z0-9._:-]'] }]);
  return `key:${idempotencyKey}`;
}

/**
 * SHA-256 (hex) of the canonical JSON (RFC 8785) of `scope` and the body, when the message is identified by an
 * `Idempotency-Key` (else undefined: a body without the header is identified by its own hash): stored with the key, so
 * the key sent again with another scope or body can be refused, as `POST /incidents` does (`incidents.request_hash`).
 */
export function requestHashOf(idempotencyKey: string | undefined, scope: string, body: unknown): string | undefined {
  if (idempotencyKey === undefined) return undefined;
  return createHash('sha256').update(canonicalize({ scope, body }) ?? '', 'utf8').digest('hex');
}
