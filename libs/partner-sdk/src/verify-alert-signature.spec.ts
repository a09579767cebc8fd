import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { alertData, createTestSigner, unsignedAlertEvent, type TestSigner } from '../test/alert-event.factory.js';
import { AlertVerificationError, type AlertVerificationReason } from './alert-verification-error.js';
import type { AlertEvent } from './alert-event.js';
import { remoteAlertKeys, verifyAlertSignature, type AlertKeySet } from './verify-alert-signature.js';

async function reasonOf(event: Record<string, unknown>, keys: AlertKeySet): Promise<AlertVerificationReason> {
  try {
    await verifyAlertSignature(event, keys);
  } catch (error) {
    if (error instanceof AlertVerificationError) return error.reason;
    throw error;
  }
  throw new Error('expected verifyAlertSignature to throw');
}

describe(verifyAlertSignature.name, () => {
  let signer: TestSigner;
  let event: AlertEvent;

  beforeAll(async () => {
    signer = await createTestSigner();
    event = await signer.sign(unsignedAlertEvent());
  });

  it('accepts an alert signed by a key of the JWK set and returns its kid', async () => {
    await expect(verifyAlertSignature(event, signer.jwks)).resolves.toEqual({ kid: signer.kid, algorithm: 'Ed25519' });
    await expect(verifyAlertSignature(event, createLocalJWKSet(signer.jwks))).resolves.toEqual({ kid: signer.kid, algorithm: 'Ed25519' });
  });

  it('accepts the event after a JSON round trip that reorders members (RFC 8785 canonical form)', async () => {
    const reordered = Object.fromEntries(Object.entries(JSON.parse(JSON.stringify(event)) as Record<string, unknown>).reverse());

    await expect(verifyAlertSignature(reordered, signer.jwks)).resolves.toMatchObject({ kid: signer.kid });
  });

  it('finds the key among several, as after a rotation', async () => {
    const previous = await createTestSigner();
    const jwks: JSONWebKeySet = { keys: [previous.publicJwk, signer.publicJwk] };

    await expect(verifyAlertSignature(event, jwks)).resolves.toMatchObject({ kid: signer.kid });
    await expect(verifyAlertSignature(await previous.sign(unsignedAlertEvent()), jwks)).resolves.toMatchObject({ kid: previous.kid });
  });

  it.each<[string, (e: AlertEvent) => Record<string, unknown>]>([
    ['changed data', (e) => ({ ...e, data: { ...e.data, incident: { ...e.data.incident, tlp: 'CLEAR' } } })],
    ['changed classification number', (e) => ({ ...e, data: { ...e.data, classification: { ...e.data.classification, magnitude: { ...e.data.classification.magnitude, confidence: 0.61 } } } })],
    ['changed subject attribute', (e) => ({ ...e, subject: alertData().incident.id })],
    ['changed source attribute', (e) => ({ ...e, source: '/aisw/GB' })],
    ['added extension attribute', (e) => ({ ...e, traceparent: '00-abc-def-01' })],
    ['removed attribute', ({ datacontenttype: _removed, ...e }) => e],
  ])('refuses an alert with %s as bad-alert-signature', async (_case, change) => {
    expect(await reasonOf(change(event), signer.jwks)).toBe('bad-alert-signature');
  });

  it('refuses a signature made by a key that is not in the set as unknown-key', async () => {
    const stranger = await createTestSigner();

    expect(await reasonOf(await stranger.sign(unsignedAlertEvent()), signer.jwks)).toBe('unknown-key');
  });

  it('refuses a key that claims a published kid but is another key as bad-alert-signature', async () => {
    const impostor = await createTestSigner();

    expect(await reasonOf(await impostor.sign(unsignedAlertEvent(), { kid: signer.kid }), signer.jwks)).toBe('bad-alert-signature');
  });

  it.each<[string, Record<string, unknown>]>([
    ['no jws', { jws: undefined }],
    ['a JWS with a payload', { jws: 'eyJhbGciOiJFZDI1NTE5In0.e30.c2ln' }],
    ['a header that is not JSON', { jws: 'bm90IGpzb24..c2ln' }],
  ])('refuses %s as bad-alert-signature', async (_case, overrides) => {
    expect(await reasonOf({ ...event, ...overrides }, signer.jwks)).toBe('bad-alert-signature');
  });

  it.each<[string, Record<string, unknown>]>([
    ['alg none', { alg: 'none' }],
    ['alg EdDSA', { alg: 'EdDSA' }],
    ['an encoded payload (b64 true)', { b64: true }],
    ['no kid', { kid: undefined }],
  ])('refuses a protected header with %s as bad-alert-signature', async (_case, header) => {
    const signed = await signer.sign(unsignedAlertEvent(), header).catch(() => undefined);
    // Some of these headers jose will not even sign; forge the header part then.
    const forgedHeader = Buffer.from(JSON.stringify({ alg: 'Ed25519', kid: signer.kid, b64: false, crit: ['b64'], ...header })).toString('base64url');
    const jws = signed ? signed.jws : `${forgedHeader}..${event.jws.split('..')[1]}`;

    expect(await reasonOf({ ...event, jws }, signer.jwks)).toBe('bad-alert-signature');
  });

  it('answers keys-unavailable when the key set cannot be fetched or read', async () => {
    const offline: AlertKeySet = () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));

    expect(await reasonOf(event, offline)).toBe('keys-unavailable');
    expect(await reasonOf(event, { keys: 'none' } as never)).toBe('keys-unavailable');
  });

  describe(remoteAlertKeys.name, () => {
    let server: Server;
    let appUrl: string;
    const requests: string[] = [];

    beforeAll(async () => {
      server = createServer((req, res) => {
        requests.push(req.url ?? '');
        res.writeHead(200, { 'Content-Type': 'application/jwk-set+json' }).end(JSON.stringify(signer.jwks));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('fetches {appUrl}/.well-known/jwks.json once and verifies with it', async () => {
      const keys = remoteAlertKeys(`${appUrl}/`);

      await expect(verifyAlertSignature(event, keys)).resolves.toMatchObject({ kid: signer.kid });
      await expect(verifyAlertSignature(event, keys)).resolves.toMatchObject({ kid: signer.kid });
      expect(requests).toEqual(['/.well-known/jwks.json']);
    });

    it('answers keys-unavailable when nothing listens at appUrl', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));

      expect(await reasonOf(event, remoteAlertKeys(`http://127.0.0.1:${port}`))).toBe('keys-unavailable');
    });
  });
});
