import canonicalize from 'canonicalize';

/** CloudEvents extension attribute carrying the alert's detached JWS (Kafka header `ce_jws`). */
export const SIGNATURE_ATTRIBUTE = 'jws';

/** JWS algorithm of alert signatures: Ed25519 (RFC 8037; fully-specified name per RFC 9864). */
export const SIGNATURE_ALGORITHM = 'Ed25519';

/**
 * The bytes an alert signature covers: the CloudEvent in structured JSON form (CloudEvents 1.0 JSON format, all
 * context attributes and `data`) without the `jws` attribute, canonicalised per RFC 8785 (JSON Canonicalization
 * Scheme), UTF-8 encoded. The signature is a JWS (RFC 7515) with unencoded detached payload (RFC 7797:
 * `b64: false`, `crit: ["b64"]`) in compact form `<protected>..<signature>`; the protected header names the
 * key (`kid`) published in the sender's JWK set at `/.well-known/jwks.json`.
 * Errors: throws when the event cannot be canonicalised (non-JSON values such as undefined or functions).
 */
export function alertSigningInput(event: Record<string, unknown>): Uint8Array {
  const { [SIGNATURE_ATTRIBUTE]: _signature, ...unsigned } = event;
  const canonical = canonicalize(unsigned);
  if (canonical === undefined) throw new Error('alert event is not canonicalisable JSON');
  return new TextEncoder().encode(canonical);
}
