import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createTestSigner, signedWebhook, TEST_WEBHOOK_SECRET, unsignedAlertEvent, type TestSigner } from '../test/alert-event.factory.js';
import type { AlertEvent } from './alert-event.js';
import { createAlertVerifier, verifyWebhook } from './verify-webhook.js';
import { failureOf } from '../test/verification-failure.js';

describe(verifyWebhook.name, () => {
  let signer: TestSigner;
  let event: AlertEvent;

  beforeAll(async () => {
    signer = await createTestSigner();
    event = await signer.sign(unsignedAlertEvent());
  });

  it('returns the parsed event of a correctly signed delivery (string or bytes, Node or Fetch headers)', () => {
    const { body, headers } = signedWebhook(event);

    expect(verifyWebhook(body, headers, TEST_WEBHOOK_SECRET)).toEqual(event);
    expect(verifyWebhook(new TextEncoder().encode(body), new Headers(headers), TEST_WEBHOOK_SECRET)).toEqual(event);
  });

  it('finds headers whatever their case, and accepts one of several signatures', () => {
    const { body, headers } = signedWebhook(event);
    const upper = {
      'Webhook-Id': headers['webhook-id'],
      'WEBHOOK-TIMESTAMP': headers['webhook-timestamp'],
      'Webhook-Signature': [`v1,${randomBytes(32).toString('base64')}`, headers['webhook-signature']],
    };

    expect(verifyWebhook(body, upper, TEST_WEBHOOK_SECRET).id).toBe(event.id);
  });

  it('refuses a tampered body, a changed webhook-id, a wrong secret and missing headers as bad-webhook-signature', () => {
    const delivery = signedWebhook(event);
    const tampered = delivery.body.replace('"GREEN"', '"CLEAR"');
    const otherSecret = `whsec_${randomBytes(32).toString('base64')}`;
    const { 'webhook-signature': _omitted, ...unsigned } = delivery.headers;

    expect(tampered).not.toBe(delivery.body);
    expect(failureOf(() => verifyWebhook(tampered, delivery.headers, TEST_WEBHOOK_SECRET)).reason).toBe('bad-webhook-signature');
    expect(failureOf(() => verifyWebhook(delivery.body, { ...delivery.headers, 'webhook-id': 'other' }, TEST_WEBHOOK_SECRET)).reason).toBe('bad-webhook-signature');
    expect(failureOf(() => verifyWebhook(delivery.body, delivery.headers, otherSecret)).reason).toBe('bad-webhook-signature');
    expect(failureOf(() => verifyWebhook(delivery.body, unsigned, TEST_WEBHOOK_SECRET))).toMatchObject({
      reason: 'bad-webhook-signature',
      message: expect.stringContaining('Missing required headers'),
      httpStatus: 401,
    });
  });

  it('accepts several secrets while rotating: a delivery signed with either the old or the new secret passes', () => {
    const newSecret = `whsec_${randomBytes(32).toString('base64')}`;
    const oldOnly = signedWebhook(event);
    const newOnly = signedWebhook(event, { secret: newSecret });

    expect(verifyWebhook(oldOnly.body, oldOnly.headers, [newSecret, TEST_WEBHOOK_SECRET]).id).toBe(event.id);
    expect(verifyWebhook(newOnly.body, newOnly.headers, [TEST_WEBHOOK_SECRET, newSecret]).id).toBe(event.id);
    expect(failureOf(() => verifyWebhook(newOnly.body, newOnly.headers, [TEST_WEBHOOK_SECRET])).reason).toBe('bad-webhook-signature');
    expect(() => verifyWebhook(oldOnly.body, oldOnly.headers, [])).toThrow('give at least one webhook secret');
  });

  it('refuses a delivery signed more than 5 minutes ago (or ahead) as stale-timestamp', () => {
    const old = signedWebhook(event, { timestamp: new Date(Date.now() - 6 * 60_000) });
    const ahead = signedWebhook(event, { timestamp: new Date(Date.now() + 6 * 60_000) });

    expect(failureOf(() => verifyWebhook(old.body, old.headers, TEST_WEBHOOK_SECRET)).reason).toBe('stale-timestamp');
    expect(failureOf(() => verifyWebhook(ahead.body, ahead.headers, TEST_WEBHOOK_SECRET)).reason).toBe('stale-timestamp');
  });

  it('refuses a correctly signed body that is not an alert event as invalid-envelope', () => {
    const { id: _id, ...withoutId } = event;
    const delivery = signedWebhook(withoutId, { webhookId: event.id });

    expect(failureOf(() => verifyWebhook(delivery.body, delivery.headers, TEST_WEBHOOK_SECRET))).toMatchObject({
      reason: 'invalid-envelope',
      details: [{ path: '/id', message: 'is required' }],
      httpStatus: 400,
    });
  });
});

describe(createAlertVerifier.name, () => {
  let signer: TestSigner;

  beforeAll(async () => {
    signer = await createTestSigner();
  });

  it('returns the webhook id, the event and the signing kid of a genuine delivery', async () => {
    const event = await signer.sign(unsignedAlertEvent());
    const { body, headers } = signedWebhook(event);
    const sut = createAlertVerifier({ webhookSecret: TEST_WEBHOOK_SECRET, keys: signer.jwks });

    await expect(sut(body, headers)).resolves.toEqual({ webhookId: event.id, event, kid: signer.kid });
  });

  it('refuses an alert whose JWS does not verify even though the webhook HMAC does', async () => {
    const event = await signer.sign(unsignedAlertEvent());
    const { body, headers } = signedWebhook({ ...event, source: '/aisw/GB' });
    const sut = createAlertVerifier({ webhookSecret: TEST_WEBHOOK_SECRET, keys: signer.jwks });

    await expect(sut(body, headers)).rejects.toMatchObject({ reason: 'bad-alert-signature', httpStatus: 401 });
  });

  it('checks the webhook before the alert signature', async () => {
    const stranger = await createTestSigner();
    const { body, headers } = signedWebhook(await stranger.sign(unsignedAlertEvent()), { secret: `whsec_${randomBytes(32).toString('base64')}` });
    const sut = createAlertVerifier({ webhookSecret: TEST_WEBHOOK_SECRET, keys: signer.jwks });

    await expect(sut(body, headers)).rejects.toMatchObject({ reason: 'bad-webhook-signature' });
  });

  it('throws at once for a secret that is not whsec_ base64', () => {
    expect(() => createAlertVerifier({ webhookSecret: 'whsec_', keys: signer.jwks })).toThrow();
  });
});
