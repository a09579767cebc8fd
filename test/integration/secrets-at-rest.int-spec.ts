import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, exportPKCS8, generateKeyPair, type JSONWebKeySet } from 'jose';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../../src/config/environment.js';
import { DataKeyring, generateDataKeyEntry, parseDataKeys } from '../../src/data-encryption/data-keyring.js';
import { reencryptSecrets } from '../../src/data-encryption/reencrypt-secrets.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ensureDatabase } from '../../src/database/ensure-database.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { EncryptSecretsAtRest1797600000000 } from '../../src/database/migrations/1797600000000-EncryptSecretsAtRest.js';
import { SealPeerCredentials1798000000000 } from '../../src/database/migrations/1798000000000-SealPeerCredentials.js';
import { PeerMessageSender } from '../../src/federation/peer-message.sender.js';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { databaseUrl } from '../support/test-environment.js';
import { receiveVerifiedAlert } from '../support/verified-alert.js';
import { waitFor } from '../support/wait-for.js';

/** The keyring every app of this run uses (test/support/global-setup.ts puts a random key into the environment). */
const runKeyring = (): DataKeyring => DataKeyring.load(validateEnvironment({ ...process.env }));

describe('secrets at rest (alert-signing private keys, partner and peer webhook secrets, peer API keys) are sealed in PostgreSQL', () => {
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
  describe('what a peer single window issued to this window', () => {
    const peerSecrets = [`whsec_${randomBytes(32).toString('base64')}`, `whsec_${randomBytes(32).toString('base64')}`];
    const peerApiKey = `peerkey_${randomBytes(24).toString('base64url')}`;
    let peerId: string;

    beforeAll(async () => {
      const adminKey = await sut.issueKey('admin');
      // Any reachable base URL will do (this window's own stands in for a French peer's); the keys must be another
      // window's: this one refuses its own as a peer's.
      const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(publicKey)), kid: 'fr-key-1', use: 'sig', alg: 'EdDSA' }] };
      const registered = await request<{ id: string }>('POST', `${sut.baseUrl}/peers`, {
        key: adminKey,
        body: { slug: 'fr-window', name: 'French Single Window', country: 'FR', baseUrl: sut.baseUrl, jwks, credentials: { webhookSecrets: [peerSecrets[0]], apiKey: `first_${peerApiKey}` } },
      });
      expect(registered.status).toBe(201);
      peerId = registered.body.id;
      const replaced = await request('PUT', `${sut.baseUrl}/peers/${peerId}/credentials`, { key: adminKey, body: { webhookSecrets: peerSecrets, apiKey: peerApiKey } });
      expect(replaced.status).toBe(204);
    });

    type PeerRow = Record<string, unknown> & { inbound_webhook_secrets_sealed: string[]; peer_api_key_sealed: string };
    const peerRow = async (): Promise<PeerRow> => (await sut.app.get(DataSource).query<PeerRow[]>('SELECT * FROM peers WHERE partner_id = $1', [peerId]))[0];

    it('stores the peer\'s inbound webhook secrets and API key sealed, each bound to its row and position', async () => {
      const row = await peerRow();
      const rowText = JSON.stringify(row);
      for (const secret of [...peerSecrets, peerApiKey, `first_${peerApiKey}`]) expect(rowText).not.toContain(secret);
      for (const secret of peerSecrets) expect(rowText).not.toContain(secret.slice('whsec_'.length, 30));
      expect(rowText).not.toContain(peerApiKey.slice('peerkey_'.length));
      expect(Object.keys(row)).not.toContain('inbound_webhook_secrets');
      expect(Object.keys(row)).not.toContain('peer_api_key');
      const keyring = runKeyring();
      expect(row.inbound_webhook_secrets_sealed.map((sealed, n) => keyring.open(sealed, `peers:${peerId}:inbound_webhook_secret:${n}`))).toEqual(peerSecrets);
      expect(keyring.open(row.peer_api_key_sealed, `peers:${peerId}:peer_api_key`)).toBe(peerApiKey);
      // The admin API still shows counts only.
      const shown = await request<Record<string, unknown>>('GET', `${sut.baseUrl}/peers/${peerId}`, { key: await sut.issueKey('admin') });
      expect(shown.body.credentials).toEqual({ webhookSecrets: 2, apiKey: true });
    });

    it('refuses (503, logged) a peer delivery when its stored secrets do not open, rather than accepting it unverified', async () => {
      const dataSource = sut.app.get(DataSource);
      const row = await peerRow();
      // Swapped positions: each sealed secret is bound to the other position, so neither opens.
      await dataSource.query('UPDATE peers SET inbound_webhook_secrets_sealed = $2 WHERE partner_id = $1', [peerId, [...row.inbound_webhook_secrets_sealed].reverse()]);
      try {
        const body = JSON.stringify({ specversion: '1.0', id: randomUUID(), source: '/aisw/FR', type: 'org.aisw.alert.v1', data: {} });
        const id = `msg_${randomUUID()}`;
        const timestamp = new Date();
        const signature = new Webhook(peerSecrets[0]).sign(id, timestamp, body);
        const response = await fetch(`${sut.baseUrl}/federation/alerts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'webhook-signature': signature },
          body,
        });
        expect(response.status).toBe(503);
        expect(((await response.json()) as { code: string }).code).toBe('FEDERATION.CREDENTIALS_UNAVAILABLE');
      } finally {
        await dataSource.query('UPDATE peers SET inbound_webhook_secrets_sealed = $2 WHERE partner_id = $1', [peerId, row.inbound_webhook_secrets_sealed]);
      }
    });

    it('does not acknowledge to the peer with an API key that does not open, and records why', async () => {
      const dataSource = sut.app.get(DataSource);
      const row = await peerRow();
      // The API key sealed for another peer does not open on this row.
      await dataSource.query('UPDATE peers SET peer_api_key_sealed = $2 WHERE partner_id = $1', [peerId, runKeyring().seal(peerApiKey, `peers:${randomUUID()}:peer_api_key`)]);
      const messageId = randomUUID();
      try {
        await dataSource.query(
          `INSERT INTO peer_messages (id, peer_id, incident_id, alert_id, kind, body, next_attempt_at) VALUES ($1, $2, $3, $4, 'acknowledgement', '{}', now())`,
          [messageId, peerId, randomUUID(), randomUUID()],
        );
        sut.app.get(PeerMessageSender).wake();
        const [message] = await waitFor(
          () => dataSource.query<Array<{ status: string; attempts: number; last_error: string | null }>>('SELECT status, attempts, last_error FROM peer_messages WHERE id = $1', [messageId]),
          (rows) => rows[0]?.last_error !== null,
          { description: 'the failed attempt recorded', timeoutMs: 60_000 },
        );
        expect(message.last_error).toMatch(/API key issued by the peer cannot be decrypted: .*failed authentication/);
        expect(message.status).toBe('pending'); // retried once an operator fixes the key configuration or the row
      } finally {
        await dataSource.query('DELETE FROM peer_messages WHERE id = $1', [messageId]);
        await dataSource.query('UPDATE peers SET peer_api_key_sealed = $2 WHERE partner_id = $1', [peerId, row.peer_api_key_sealed]);
      }
    });
  });
});

describe('migrations EncryptSecretsAtRest, SealPeerCredentials and data-keys:reencrypt', () => {
  const url = databaseUrl(`${process.env.AISW_TEST_DATABASE}_secrets_migration`);
  const mine = MIGRATIONS.indexOf(EncryptSecretsAtRest1797600000000);
  const peers = MIGRATIONS.indexOf(SealPeerCredentials1798000000000);
  let before: DataSource;
  let after: DataSource;
  let beforePeers: DataSource;
  let latest: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url);
    const at = (count: number): Promise<DataSource> => new DataSource({ ...dataSourceOptions(url, 1), migrations: MIGRATIONS.slice(0, count) }).initialize();
    before = await at(mine);
    after = await at(mine + 1);
    beforePeers = await at(peers);
    latest = await at(peers + 1);
  });

  afterAll(async () => {
    for (const dataSource of [before, after, beforePeers, latest]) await dataSource?.destroy();
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

    // Peers registered before SealPeerCredentials held what they issued in plain text.
    await beforePeers.runMigrations();
    const peerId = randomUUID();
    const peerSecrets = [`whsec_${randomBytes(32).toString('base64')}`, `whsec_${randomBytes(32).toString('base64')}`];
    const peerApiKey = `peerkey_${randomBytes(24).toString('base64url')}`;
    const bareId = randomUUID();
    const insertPeer = `INSERT INTO peers (partner_id, base_url, jwks, inbound_webhook_secrets, peer_api_key) VALUES ($1, 'https://peer.example', '{"keys":[]}', $2, $3)`;
    await beforePeers.query(insertPeer, [peerId, peerSecrets, peerApiKey]);
    await beforePeers.query(insertPeer, [bareId, [], null]);
    await latest.runMigrations();
    const [sealedPeer] = await latest.query<Array<Record<string, unknown> & { inbound_webhook_secrets_sealed: string[]; peer_api_key_sealed: string }>>(
      'SELECT * FROM peers WHERE partner_id = $1',
      [peerId],
    );
    expect(JSON.stringify(sealedPeer)).not.toMatch(/whsec_|peerkey_/);
    expect(sealedPeer.inbound_webhook_secrets_sealed.map((sealed, n) => keyring.open(sealed, `peers:${peerId}:inbound_webhook_secret:${n}`))).toEqual(peerSecrets);
    expect(keyring.open(sealedPeer.peer_api_key_sealed, `peers:${peerId}:peer_api_key`)).toBe(peerApiKey);
    expect(await latest.query('SELECT inbound_webhook_secrets_sealed, peer_api_key_sealed FROM peers WHERE partner_id = $1', [bareId])).toEqual([
      { inbound_webhook_secrets_sealed: [], peer_api_key_sealed: null },
    ]);
    await latest.undoLastMigration();
    expect(await latest.query('SELECT inbound_webhook_secrets, peer_api_key FROM peers WHERE partner_id = $1', [peerId])).toEqual([
      { inbound_webhook_secrets: peerSecrets, peer_api_key: peerApiKey },
    ]);
    await latest.runMigrations();

    const rotated = DataKeyring.of(parseDataKeys(`${generateDataKeyEntry('next')},${process.env.AISW_DATA_ENCRYPTION_KEYS}`));
    const report = await reencryptSecrets(latest, rotated);
    expect(report).toEqual({
      currentKeyId: 'next',
      tables: [
        { table: 'signing_keys', rewrapped: 1, alreadyCurrent: 0 },
        { table: 'partner_webhook_secrets', rewrapped: 1, alreadyCurrent: 0 },
        { table: 'peers.inbound_webhook_secrets_sealed', rewrapped: 1, alreadyCurrent: 0 },
        { table: 'peers.peer_api_key_sealed', rewrapped: 1, alreadyCurrent: 0 },
      ],
    });
    const [rewrappedPeer] = await latest.query<Array<{ inbound_webhook_secrets_sealed: string[]; peer_api_key_sealed: string }>>(
      'SELECT inbound_webhook_secrets_sealed, peer_api_key_sealed FROM peers WHERE partner_id = $1',
      [peerId],
    );
    expect(rewrappedPeer.inbound_webhook_secrets_sealed.map((sealed) => rotated.keyIdOf(sealed))).toEqual(['next', 'next']);
    expect(rewrappedPeer.inbound_webhook_secrets_sealed.map((sealed, n) => rotated.open(sealed, `peers:${peerId}:inbound_webhook_secret:${n}`))).toEqual(peerSecrets);
    expect(rotated.open(rewrappedPeer.peer_api_key_sealed, `peers:${peerId}:peer_api_key`)).toBe(peerApiKey);
    const [rewrapped] = await after.query<Array<{ secret_sealed: string }>>('SELECT secret_sealed FROM partner_webhook_secrets WHERE id = $1', [secretId]);
    expect(rotated.keyIdOf(rewrapped.secret_sealed)).toBe('next');
    expect(rotated.open(rewrapped.secret_sealed, `partner_webhook_secrets:${secretId}`)).toBe(secret);
    expect(() => keyring.open(rewrapped.secret_sealed, `partner_webhook_secrets:${secretId}`)).toThrow('data encryption key id next is not configured');
    // Re-running finds nothing left to do.
    expect((await reencryptSecrets(latest, rotated)).tables.map((table) => table.rewrapped)).toEqual([0, 0, 0, 0]);
  });
});
