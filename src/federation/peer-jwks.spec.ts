import { describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair } from 'jose';
import { parsePeerJwks } from './peer-jwks.js';

const ed25519Jwk = async (extractPrivate = false): Promise<Record<string, unknown>> => {
  const { publicKey, privateKey } = await generateKeyPair('Ed25519', { extractable: true });
  return { ...(await exportJWK(extractPrivate ? privateKey : publicKey)), kid: 'key-1', use: 'sig', alg: 'Ed25519' };
};

describe(parsePeerJwks.name, () => {
  it('keeps the public members of Ed25519 keys as published at /.well-known/jwks.json', async () => {
    const key = await ed25519Jwk();
    expect(parsePeerJwks({ keys: [{ ...key, extra: 'ignored' }] })).toEqual({
      jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: key.x, kid: 'key-1', use: 'sig', alg: 'Ed25519' }] },
    });
  });

  it('refuses private key material, other key types and shapes that are not a JWK set, naming the key', async () => {
    expect(parsePeerJwks({ keys: [await ed25519Jwk(true)] })).toEqual({ errors: ['keys[0] holds private key material ("d"): publish public keys only'] });
    expect(parsePeerJwks({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB', kid: 'r' }] })).toEqual({
      errors: ['keys[0] is not an Ed25519 key (kty OKP, crv Ed25519)', 'keys[0] has no 32-byte base64url "x"'],
    });
    expect(parsePeerJwks([])).toEqual({ errors: ['must be a JWK set: an object with a "keys" array'] });
    expect(parsePeerJwks({ keys: [] })).toEqual({ errors: ['must hold 1..20 keys'] });
  });
});
