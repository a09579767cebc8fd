import type { JSONWebKeySet, JWK } from 'jose';
import { SIGNATURE_ALGORITHM } from '@app/contracts';

/** Most keys a peer's JWK set may hold (an active key and the ones retired within its retention). */
export const MAX_PEER_KEYS = 20;

/**
 * Checks that `value` is a JWK set (RFC 7517 §5) of Ed25519 public keys as single windows publish them (RFC 8037 OKP,
 * `crv: Ed25519`, `x`, a `kid`; `alg`, if given, Ed25519 or EdDSA) and returns it with only the public members.
 * Refuses private key material (`d`): a peer never needs it, and holding it would be a leak.
 * Returns `{ errors }` (one message per problem, naming the key index) instead of throwing.
 */
export function parsePeerJwks(value: unknown): { jwks: JSONWebKeySet } | { errors: string[] } {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (typeof value !== 'object' || value === null || !Array.isArray(keys)) return { errors: ['must be a JWK set: an object with a "keys" array'] };
  if (keys.length === 0 || keys.length > MAX_PEER_KEYS) return { errors: [`must hold 1..${MAX_PEER_KEYS} keys`] };
  const errors: string[] = [];
  const published: JWK[] = [];
  keys.forEach((key: unknown, index) => {
    const jwk = (typeof key === 'object' && key !== null ? key : {}) as Record<string, unknown>;
    const problems = [
      jwk.kty === 'OKP' && jwk.crv === 'Ed25519' ? null : 'is not an Ed25519 key (kty OKP, crv Ed25519)',
      typeof jwk.x === 'string' && /^[A-Za-z0-9_-]{43}$/.test(jwk.x) ? null : 'has no 32-byte base64url "x"',
      typeof jwk.kid === 'string' && jwk.kid.length > 0 && jwk.kid.length <= 200 ? null : 'has no "kid"',
      jwk.alg === undefined || jwk.alg === SIGNATURE_ALGORITHM || jwk.alg === 'EdDSA' ? null : `has alg ${JSON.stringify(jwk.alg)}`,
      'd' in jwk ? 'holds private key material ("d"): publish public keys only' : null,
    ].filter((problem): problem is string => problem !== null);
    if (problems.length > 0) errors.push(...problems.map((problem) => `keys[${index}] ${problem}`));
    else published.push({ kty: 'OKP', crv: 'Ed25519', x: jwk.x as string, kid: jwk.kid as string, use: 'sig', alg: SIGNATURE_ALGORITHM });
  });
  return errors.length > 0 ? { errors } : { jwks: { keys: published } };
}
