/**
 * Why a received alert was refused:
 * - `bad-webhook-signature`: Standard Webhooks 1.0 headers missing or no `v1` HMAC-SHA256 signature matches
 *   (wrong secret, tampered body or id).
 * - `stale-timestamp`: `webhook-timestamp` more than 5 minutes from now (Standard Webhooks 1.0 replay protection).
 * - `invalid-envelope`: not JSON, not a CloudEvents message, or not valid against ALERT_EVENT_V1_SCHEMA.
 * - `bad-alert-signature`: the `jws` attribute is missing or malformed, its protected header is not
 *   `{ alg: 'Ed25519', kid, b64: false, crit: ['b64'] }`, or it does not verify over the event (RFC 7515/7797).
 * - `unknown-key`: no key with the header's `kid` in the sender's JWK set (never published, or retired more than
 *   30 days ago).
 * - `keys-unavailable`: the JWK set could not be fetched or read (network, timeout, not a JWK set); transient.
 */
export type AlertVerificationReason =
  | 'bad-webhook-signature'
  | 'stale-timestamp'
  | 'invalid-envelope'
  | 'bad-alert-signature'
  | 'unknown-key'
  | 'keys-unavailable';

/** One schema violation: `path` is a JSON Pointer (RFC 6901) into the event, `''` for the whole document. */
export interface EnvelopeProblem {
  path: string;
  message: string;
}

const HTTP_STATUS: Record<AlertVerificationReason, 400 | 401 | 503> = {
  'bad-webhook-signature': 401,
  'stale-timestamp': 401,
  'invalid-envelope': 400,
  'bad-alert-signature': 401,
  'unknown-key': 401,
  'keys-unavailable': 503,
};

/** A received alert that must not be trusted; `reason` is the stable code, `details` the schema violations. */
export class AlertVerificationError extends Error {
  override readonly name = 'AlertVerificationError';

  constructor(
    readonly reason: AlertVerificationReason,
    message: string,
    readonly details: readonly EnvelopeProblem[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /**
   * The status a webhook receiver should answer: 400 for an invalid envelope, 503 when keys are unavailable (the
   * sender retries any non-2xx for 24 h, and honours `Retry-After`), 401 otherwise.
   */
  get httpStatus(): 400 | 401 | 503 {
    return HTTP_STATUS[this.reason];
  }
}
