import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  flattenedVerify,
  type CryptoKey,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWSHeaderParameters,
  type RemoteJWKSet,
  type RemoteJWKSetOptions,
} from 'jose';
import { alertSigningInput, SIGNATURE_ALGORITHM, SIGNATURE_ATTRIBUTE } from '@app/contracts';
import { AlertVerificationError } from './alert-verification-error.js';

/** Where a single window publishes its alert-signing public keys (RFC 8615 well-known URI, RFC 7517 JWK set). */
export const JWKS_PATH = '/.well-known/jwks.json';

/** Finds the public key for a JWS protected header, as jose `createLocalJWKSet` / `createRemoteJWKSet` do. */
export type AlertKeyResolver = (protectedHeader?: JWSHeaderParameters, token?: FlattenedJWSInput) => Promise<CryptoKey>;

/** The sender's public keys: a JWK set (`{ keys: [...] }`) or a resolver such as {@link remoteAlertKeys}. */
export type AlertKeySet = JSONWebKeySet | AlertKeyResolver;

/** A verified alert signature: the key that made it. */
export interface VerifiedAlertSignature {
  /** `kid` of the signing key (RFC 7638 thumbprint of the Ed25519 public key). */
  kid: string;
  algorithm: typeof SIGNATURE_ALGORITHM;
}

/** Compact detached JWS: base64url protected header, empty payload, base64url signature (RFC 7515 §7.1, App. F). */
const DETACHED_COMPACT_JWS = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)$/;

const localKeySets = new WeakMap<JSONWebKeySet, AlertKeyResolver>();

/**
 * The key resolver for `{appUrl}/.well-known/jwks.json` (jose `createRemoteJWKSet`): fetched on first use, cached
 * (default 10 minutes), fetched again at most every 30 s when a signature names an unknown `kid` (so a key rotation
 * is picked up at once). Create it once per sender and reuse it. `appUrl` may end with a slash.
 */
export function remoteAlertKeys(appUrl: string, options?: RemoteJWKSetOptions): RemoteJWKSet {
  return createRemoteJWKSet(new URL(`${appUrl.replace(/\/+$/, '')}${JWKS_PATH}`), options);
}

/**
 * Verifies the `jws` attribute of an alert event: a compact detached JWS (RFC 7515) with unencoded payload
 * (RFC 7797, `b64: false`, `crit: ["b64"]`), `alg` Ed25519 (RFC 8037) and a `kid`, over `alertSigningInput(event)`:
 * the RFC 8785 canonical JSON of the structured event without `jws`, so it covers every attribute and `data`.
 * `keys` is the sender's JWK set (read once per object: pass a new object when it changes) or a resolver
 * ({@link remoteAlertKeys}, jose `createLocalJWKSet`).
 * Errors: throws {@link AlertVerificationError} `bad-alert-signature` (missing/malformed JWS, unexpected header,
 * signature mismatch), `unknown-key` (no key with that `kid`), `keys-unavailable` (the key set could not be
 * fetched or read), `invalid-envelope` (the event is not JSON-serialisable).
 */
export async function verifyAlertSignature(event: Readonly<Record<string, unknown>>, keys: AlertKeySet): Promise<VerifiedAlertSignature> {
  const jws = event[SIGNATURE_ATTRIBUTE];
  const match = typeof jws === 'string' ? DETACHED_COMPACT_JWS.exec(jws) : null;
  if (!match) throw new AlertVerificationError('bad-alert-signature', `alert has no detached compact JWS in "${SIGNATURE_ATTRIBUTE}"`);
  const [, protectedHeader, signature] = match;
  const kid = checkProtectedHeader(protectedHeader);

  let payload: Uint8Array;
  try {
    payload = alertSigningInput({ ...event });
  } catch (error) {
    throw new AlertVerificationError('invalid-envelope', 'alert event is not JSON-serialisable', [], { cause: error });
  }

  const resolve = resolverFor(keys);
  const getKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<CryptoKey> => {
    try {
      return await resolve(header, token);
    } catch (error) {
      throw keyError(error, kid);
    }
  };
  try {
    await flattenedVerify({ protected: protectedHeader, payload, signature }, getKey, { algorithms: [SIGNATURE_ALGORITHM] });
  } catch (error) {
    if (error instanceof AlertVerificationError) throw error;
    throw new AlertVerificationError('bad-alert-signature', `alert signature does not verify with key "${kid}"`, [], { cause: error });
  }
  return { kid, algorithm: SIGNATURE_ALGORITHM };
}

/** Checks the protected header is `{ alg: 'Ed25519', kid, b64: false, crit: ['b64'] }`; returns the `kid`. */
function checkProtectedHeader(encoded: string): string {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader({ protected: encoded, payload: '', signature: '' });
  } catch (error) {
    throw new AlertVerificationError('bad-alert-signature', 'alert JWS protected header is not base64url JSON', [], { cause: error });
  }
  const refuse = (what: string): never => {
    throw new AlertVerificationError('bad-alert-signature', `alert JWS protected header ${what}`);
  };
  if (header.alg !== SIGNATURE_ALGORITHM) refuse(`has alg ${JSON.stringify(header.alg)}, expected "${SIGNATURE_ALGORITHM}"`);
  if (header.b64 !== false || !Array.isArray(header.crit) || !header.crit.includes('b64'))
    refuse('must mark the payload unencoded (b64: false, crit: ["b64"]; RFC 7797)');
  if (typeof header.kid !== 'string' || header.kid.length === 0) refuse('has no kid');
  return header.kid as string;
}

function resolverFor(keys: AlertKeySet): AlertKeyResolver {
  if (typeof keys === 'function') return keys;
  let resolver = localKeySets.get(keys);
  if (!resolver) {
    try {
      resolver = createLocalJWKSet(keys);
    } catch (error) {
      throw new AlertVerificationError('keys-unavailable', 'the JWK set is malformed', [], { cause: error });
    }
    localKeySets.set(keys, resolver);
  }
  return resolver;
}

/** Maps a key-resolution failure (jose error codes, fetch errors) to a reason. */
function keyError(error: unknown, kid: string): AlertVerificationError {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_JWKS_NO_MATCHING_KEY')
    return new AlertVerificationError('unknown-key', `no Ed25519 key "${kid}" in the sender's JWK set (unknown, or retired too long ago)`, [], { cause: error });
  if (code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS')
    return new AlertVerificationError('unknown-key', `several keys "${kid}" in the sender's JWK set`, [], { cause: error });
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new AlertVerificationError('keys-unavailable', `could not get the sender's JWK set (${detail})`, [], { cause: error });
}
