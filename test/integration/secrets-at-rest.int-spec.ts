import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportPKCS8, generateKeyPair, type JSONWebKeySet } from 'jose';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../../src/config/environment.js';
import { DataKeyring, generateDataKeyEntry, parseDataKeys } from '../../src/data-encryption/data-keyring.js';
import { reencryptSecrets } from '../../src/data-encryption/reencrypt-secrets.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ensureDatabase } from '../../src/database/ensure-database.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { EncryptSecretsAtRest1797600000000 } from '../../src/database/migrations/1797600000000-EncryptSecretsAtRest.js';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { databaseUrl } from '../support/test-environment.js';
import { receiveVerifiedAlert } from '../support/verified-alert.js';
import { waitFor } from '../support/wait-for.js';

/** The keyring every app of this run uses (test/support/global-setup.ts puts a random key into the environment). */
const runKeyring = (): DataKeyring => DataKeyring.load(validateEnvironment({ ...process.env }));

describe('secrets at rest (alert-signing private keys, partner webhook secrets) are sealed in PostgreSQL', () => {
  let sut: TestApp;
  let partner: RecordingPartner;
  let webhookSecret: string;
  let partnerId: string;

  beforeAll(async () => {
    sut = await startTestApp('secrets-at-rest');
    partner = await startRecordingPartner();
    const adminKey = await sut.issueKey('admin');
    const onboarded = await request<{ id: string; webhookSecret: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'sealed', name: 'Sealed Single Window', country: 'DE', webhookUrl: partner.url, subscriptions: [{ countries: ['DE'] }] },
    });
    expect(onboarded.status).toBe(201);
    ({ id: partnerId, webhookSecret } = onboarded.body);
  });

  afterAll(async () => {
    await sut?.close();
    await partner?.close();
  });

  it('stores no plain text, and alerts still carry a verifying JWS and webhook signature', async () => {
    const regulatorKey = await sut.issueKey('regulator');
    const filing = { ...loadDemoIncidents().find((entry) => entry.filing.tlp === 'GREEN')!.filing, country: 'DE' };
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: filing });
    expect(filed.status).toBe(201);
    const { kid } = await receiveVerifiedAlert(sut.baseUrl, partner, filed.body.id, webhookSecret);
    const jwks = await request<JSONWebKeySet>('GET', `${sut.baseUrl}/.well-known/jwks.json`);
    expect(kid).toBe(jwks.body.keys[0].kid);

    const dataSource = sut.app.get(DataSource);
    const [secretRow] = await dataSource.query<Array<Record<string, unknown>>>('SELECT * FROM partner_webhook_secrets WHERE partner_id = $1', [partnerId]);
    const secretText = JSON.stringify(secretRow);
    expect(secretText).not.toContain(webhookSecret);
    expect(secretText).not.toContain(webhookSecret.slice('whsec_'.length, 30)); // not even the base64 body
    expect(Object.keys(secretRow)).not.toContain('secret');
    expect(secretRow.secret_sealed).toMatch(/^v1\.test\./);

    const keyRows = await dataSource.query<Array<Record<string, unknown>>>('SELECT * FROM signing_keys');
    expect(keyRows).toHaveLength(1);
    expect(JSON.stringify(keyRows)).not.toMatch(/PRIVATE KEY|MC4CAQAwBQYDK2Vw/); // PEM armour, Ed25519 PKCS#8 prefix
    expect(Object.keys(keyRows[0])).not.toContain('private_key_pem');
    // The sealed value is the key: the run's keyring opens it to the PKCS#8 of the published public key.
    expect(runKeyring().open(keyRows[0].private_key_sealed as string, `signing_keys:${keyRows[0].kid as string}`)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('refuses to sign a delivery with a sealed secret copied onto another row, and says why', async () => {
    const dataSource = sut.app.get(DataSource);
    const [row] = await dataSource.query<Array<{ id: string; secret_sealed: string }>>('SELECT id, secret_sealed FROM partner_webhook_secrets WHERE partner_id = $1', [partnerId]);
    const [other] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO partner_webhook_secrets (id, partner_id, secret_sealed) VALUES ($1, $2, $3) RETURNING id`,
      [randomUUID(), partnerId, row.secret_sealed], // a sealed value copied onto another row does not open there
    );
    try {
      const regulatorKey = await sut.issueKey('regulator');
      const filing = { ...loadDemoIncidents().find((entry) => entry.filing.tlp === 'GREEN')!.filing, country: 'DE' };
      const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: filing });
      expect(filed.status).toBe(201);
      const [delivery] = await waitFor(
        async () => (await request<{ deliveries: Array<{ lastError: string | null }> }>('GET', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: regulatorKey })).body.deliveries,
        (deliveries) => deliveries.length === 1 && deliveries[0].lastError !== null,
        { description: 'the failed attempt recorded', timeoutMs: 60_000 },
      );
      expect(delivery.lastError).toMatch(/webhook secret cannot be decrypted: .*failed authentication/);
      expect(partner.received.some((entry) => entry.body.includes(filed.body.id))).toBe(false);
    } finally {
      await dataSource.query('DELETE FROM partner_webhook_secrets WHERE id = $1', [other.id]);
    }
  });
});

describe('migration EncryptSecretsAtRest and data-keys:reencrypt', () => {
  const url = databaseUrl(`${process.env.AISW_TEST_DATABASE}_secrets_migration`);
  const mine = MIGRATIONS.indexOf(EncryptSecretsAtRest1797600000000);
  let before: DataSource;
  let after: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url);
    before = await new DataSource({ ...dataSourceOptions(url, 2), migrations: MIGRATIONS.slice(0, mine) }).initialize();
    after = await new DataSource({ ...dataSourceOptions(url, 2), migrations: MIGRATIONS.slice(0, mine + 1) }).initialize();
  });

  afterAll(async () => {
    await before?.destroy();
    await after?.destroy();
  });

  it('seals existing plain-text rows, reverts, and re-wraps them under a new key', async () => {
    await before.runMigrations();
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const secretId = randomUUID();
    await before.query(`INSERT INTO signing_keys (kid, public_jwk, private_key_pem, status) VALUES ('old-kid', '{}', $1, 'active')`, [pem]);
    await before.query('INSERT INTO partner_webhook_secrets (id, partner_id, secret) VALUES ($1, $2, $3)', [secretId, randomUUID(), secret]);
    await before.query('INSERT INTO partner_webhook_secrets (id, partner_id, secret, retired_at) VALUES ($1, $2, NULL, now())', [randomUUID(), randomUUID()]);

    await after.runMigrations();
    const sealedKey = await after.query<Array<{ private_key_sealed: string }>>(`SELECT private_key_sealed FROM signing_keys WHERE kid = 'old-kid'`);
    const sealedSecrets = await after.query<Array<{ id: string; secret_sealed: string | null }>>('SELECT id, secret_sealed FROM partner_webhook_secrets ORDER BY retired_at NULLS FIRST');
    expect(JSON.stringify([sealedKey, sealedSecrets])).not.toMatch(/PRIVATE KEY|whsec_/);
    const keyring = runKeyring();
    expect(keyring.open(sealedKey[0].private_key_sealed, 'signing_keys:old-kid')).toBe(pem);
    expect(keyring.open(sealedSecrets[0].secret_sealed!, `partner_webhook_secrets:${secretId}`)).toBe(secret);
    expect(sealedSecrets[1].secret_sealed).toBeNull(); // a retired secret stays erased

    await after.undoLastMigration();
    expect(await after.query(`SELECT private_key_pem FROM signing_keys WHERE kid = 'old-kid'`)).toEqual([{ private_key_pem: pem }]);
    expect(await after.query('SELECT secret FROM partner_webhook_secrets WHERE id = $1', [secretId])).toEqual([{ secret }]);
    await after.runMigrations();

    const rotated = DataKeyring.of(parseDataKeys(`${generateDataKeyEntry('next')},${process.env.AISW_DATA_ENCRYPTION_KEYS}`));
    const report = await reencryptSecrets(after, rotated);
    expect(report).toEqual({
      currentKeyId: 'next',
      tables: [
        { table: 'signing_keys', rewrapped: 1, alreadyCurrent: 0 },
        { table: 'partner_webhook_secrets', rewrapped: 1, alreadyCurrent: 0 },
      ],
    });
    const [rewrapped] = await after.query<Array<{ secret_sealed: string }>>('SELECT secret_sealed FROM partner_webhook_secrets WHERE id = $1', [secretId]);
    expect(rotated.keyIdOf(rewrapped.secret_sealed)).toBe('next');
    expect(rotated.open(rewrapped.secret_sealed, `partner_webhook_secrets:${secretId}`)).toBe(secret);
    expect(() => keyring.open(rewrapped.secret_sealed, `partner_webhook_secrets:${secretId}`)).toThrow('data encryption key id next is not configured');
    // Re-running finds nothing left to do.
    expect((await reencryptSecrets(after, rotated)).tables.map((table) => table.rewrapped)).toEqual([0, 0]);
  });
});
