import { describe, expect, it } from '@jest/globals';
import { FlattenedSign, importPKCS8 } from 'jose';
import type { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import canonicalize from 'canonicalize';
import { alertSigningInput, canonicalFragment, type CanonicalFragments } from '@app/contracts';
import { verifyAlertSignature } from '@app/partner-sdk';
import { alertData, unsignedAlertEvent } from '../../libs/partner-sdk/test/alert-event.factory.js';
import type { Environment } from '../config/environment.js';
import { DataKeyring, generateDataKeyEntry, parseDataKeys } from '../data-encryption/data-keyring.js';
import { AlertSigner } from './alert-signer.service.js';
import { signingKeyContext, type SigningKeyEntity } from './signing-key.entity.js';

/** An AlertSigner over an in-memory `signing_keys` table (the first key is created on first use, as at start). */
function signerWithMemoryTable(): { signer: AlertSigner; keyring: DataKeyring; rows: SigningKeyEntity[] } {
  const rows: SigningKeyEntity[] = [];
  const manager = {
    findOneBy: async () => rows.find((row) => row.status === 'active') ?? null,
    findOneByOrFail: async () => rows.find((row) => row.status === 'active')!,
    insert: async (_entity: unknown, row: SigningKeyEntity) => void rows.push(row),
    find: async () => [...rows].reverse(),
  };
  const keyring = DataKeyring.of(parseDataKeys(generateDataKeyEntry('k1')));
  const config = { get: () => 30 } as unknown as ConfigService<Environment, true>;
  return { signer: new AlertSigner({ manager } as unknown as DataSource, config, keyring), keyring, rows };
}

describe(AlertSigner.name, () => {
  it('signs with node:crypto exactly what jose FlattenedSign makes with the same key (Ed25519 is deterministic)', async () => {
    const { signer, keyring, rows } = signerWithMemoryTable();
    const event = unsignedAlertEvent();

    const jws = await signer.sign(event);

    const [stored] = rows;
    const key = await importPKCS8(keyring.open(stored.privateKeySealed, signingKeyContext(stored.kid)), 'Ed25519');
    const expected = await new FlattenedSign(alertSigningInput(event)).setProtectedHeader({ alg: 'Ed25519', kid: stored.kid, b64: false, crit: ['b64'] }).sign(key);
    expect(jws).toBe(`${expected.protected}..${expected.signature}`);
  });

  it('makes signatures that the partner SDK (jose) verifies with the published JWK set', async () => {
    const { signer } = signerWithMemoryTable();
    const event = unsignedAlertEvent(alertData({ note: 'Ünïcode ✓ 漢字 \u2028 "quoted"' }));

    const signed = { ...event, jws: await signer.sign(event) };

    await expect(verifyAlertSignature(signed, await signer.jwks())).resolves.toMatchObject({ algorithm: 'Ed25519' });
    await expect(verifyAlertSignature({ ...signed, subject: 'changed' }, await signer.jwks())).rejects.toMatchObject({ reason: 'bad-alert-signature' });
  });

  it('gives the same signature when the shared incident is canonicalised once for several alerts', async () => {
    const { signer } = signerWithMemoryTable();
    const shared = alertData();
    const fragments: CanonicalFragments = new WeakMap();
    canonicalFragment(fragments, shared.incident);
    canonicalFragment(fragments, shared.classification);

    for (const partnerId of ['0b0e9f1e-7a51-4d8a-9a35-2f7c8f0d2c11', 'c1d2e3f4-0000-4000-8000-000000000001']) {
      const event = unsignedAlertEvent({ ...shared, partnerId, note: undefined });
      expect(Buffer.from(alertSigningInput(event, fragments)).toString('utf8')).toBe(canonicalize(event));
      await expect(signer.sign(event, fragments)).resolves.toBe(await signer.sign(event));
    }
  });
});
