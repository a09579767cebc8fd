import canonicalize from 'canonicalize';

/** CloudEvents extension attribute carrying the alert's detached JWS (Kafka header `ce_jws`). */
export const SIGNATURE_ATTRIBUTE = 'jws';

/** JWS algorithm of alert signatures: Ed25519 (RFC 8037; fully-specified name per RFC 9864). */
export const SIGNATURE_ALGORITHM = 'Ed25519';

/**
 * RFC 8785 canonical forms of values that several events share (by object identity), e.g. the redacted incident
 * that every partner's alert of one incident event carries. Filled by `canonicalFragment`.
 */
export type CanonicalFragments = WeakMap<object, string>;

/**
 * Canonicalises `value` (RFC 8785, the `canonicalize` package) and remembers the result in `fragments` for
 * `alertSigningInput`. The value must not change afterwards while `fragments` is in use.
 * Errors: throws when the value is not canonicalisable JSON.
 */
export function canonicalFragment(fragments: CanonicalFragments, value: object): string {
  const known = fragments.get(value);
  if (known !== undefined) return known;
  const canonical = canonicalize(value);
  if (canonical === undefined) throw new Error('value is not canonicalisable JSON');
  fragments.set(value, canonical);
  return canonical;
}

/**
 * The bytes an alert signature covers: the CloudEvent in structured JSON form (CloudEvents 1.0 JSON format, all
 * context attributes and `data`) without the `jws` attribute, canonicalised per RFC 8785 (JSON Canonicalization
 * Scheme), UTF-8 encoded. The signature is a JWS (RFC 7515) with unencoded detached payload (RFC 7797:
 * `b64: false`, `crit: ["b64"]`) in compact form `<protected>..<signature>`; the protected header names the
 * key (`kid`) published in the sender's JWK set at `/.well-known/jwks.json`.
 * `fragments` (optional, sender side): values of the event's top two object levels (the event and its `data`) found
 * there by identity are not canonicalised again, so alerts that share the incident cost one canonicalisation of it;
 * the bytes are the same as without (members are joined as `canonicalize` joins them: keys sorted by UTF-16 code
 * units, undefined members left out).
 * Errors: throws when the event cannot be canonicalised (non-JSON values such as undefined or functions).
 */
export function alertSigningInput(event: Record<string, unknown>, fragments?: CanonicalFragments): Uint8Array {
  const { [SIGNATURE_ATTRIBUTE]: _signature, ...unsigned } = event;
  const canonical = fragments ? canonicalReusing(unsigned, fragments, 2) : canonicalize(unsigned);
  if (canonical === undefined) throw new Error('alert event is not canonicalisable JSON');
  return new TextEncoder().encode(canonical);
}

/** RFC 8785 form of `value`, taking known fragments from `fragments` within the top `depth` plain-object levels. */
function canonicalReusing(value: unknown, fragments: CanonicalFragments, depth: number): string | undefined {
  if (value === null || typeof value !== 'object') return canonicalize(value);
  const known = fragments.get(value);
  if (known !== undefined) return known;
  if (depth === 0 || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalize(value);
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === 'symbol') continue;
    members.push(`${canonicalize(key)}:${canonicalReusing(member, fragments, depth - 1)}`);
  }
  return `{${members.join(',')}}`;
}
