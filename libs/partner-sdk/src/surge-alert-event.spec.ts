import { beforeAll, describe, expect, it } from '@jest/globals';
import { SURGE_ALERT_EVENT_V1_SCHEMA } from '@app/contracts';
import {
  alertData,
  createTestSigner,
  kafkaBinaryRecord,
  signedWebhook,
  surgeAlertData,
  surgeSignal,
  TEST_WEBHOOK_SECRET,
  unsignedAlertEvent,
  unsignedSurgeAlertEvent,
  type TestSigner,
} from '../test/alert-event.factory.js';
import { parseAlertEvent } from './alert-event.js';
import { AlertVerificationError } from './alert-verification-error.js';
import { fromKafkaMessage, receivedAlertFromKafkaMessage } from './kafka-alert.js';
import { isSurgeAlertEvent, parseReceivedAlertEvent, parseSurgeAlertEvent, type SurgeAlertEvent } from './surge-alert-event.js';
import { verifyAlertSignature } from './verify-alert-signature.js';
import { createAlertVerifier, createReceivedAlertVerifier } from './verify-webhook.js';
import { failureOf } from '../test/verification-failure.js';

describe(parseSurgeAlertEvent.name, () => {
  let signer: TestSigner;
  /** A surge alert signed with a fresh Ed25519 key exactly as the single window's AlertSigner signs it. */
  const signedSurgeAlert = (overrides: Record<string, unknown> = {}) => signer.sign<SurgeAlertEvent>(unsignedSurgeAlertEvent(surgeAlertData(), overrides));

  beforeAll(async () => {
    signer = await createTestSigner();
  });

  it('returns the typed surge alert for a signed one given as JSON text, and its signature verifies', async () => {
    const event = await signedSurgeAlert();
    const sut = parseSurgeAlertEvent(JSON.stringify(event));

    expect(sut).toEqual(event);
    expect(sut.data.signal).toEqual(expect.objectContaining({ dimension: 'country', value: 'DE', count: 4, threshold: 3 }));
    expect(sut.dataschema).toBe(SURGE_ALERT_EVENT_V1_SCHEMA.$id);
    await expect(verifyAlertSignature(sut, signer.jwks)).resolves.toEqual({ kid: signer.kid, algorithm: 'Ed25519' });
  });

  it('refuses a surge alert that breaks its schema, naming each failing path', async () => {
    const event = await signedSurgeAlert();
    const broken = { ...event, data: { ...event.data, msgType: 'Update', signal: { ...surgeSignal({ count: -1 }), dimension: 'weather' } } };
    const error = failureOf(() => parseSurgeAlertEvent(broken));

    expect(error.reason).toBe('invalid-envelope');
    expect(error.httpStatus).toBe(400);
    expect(error.details.map((problem) => problem.path).sort()).toEqual(['/data/msgType', '/data/signal/count', '/data/signal/dimension']);
    expect(error.message).toContain(SURGE_ALERT_EVENT_V1_SCHEMA.$id);
  });

  it('is not an incident alert: parseAlertEvent refuses it, and an incident alert is not a surge alert', async () => {
    const surge = await signedSurgeAlert();
    const incident = await signer.sign(unsignedAlertEvent(alertData()));

    expect(failureOf(() => parseAlertEvent(surge)).details).toContainEqual({ path: '/type', message: 'must be "org.aisw.alert.v1"' });
    expect(failureOf(() => parseSurgeAlertEvent(incident)).details).toContainEqual({ path: '/type', message: 'must be "org.aisw.surge-alert.v1"' });
  });

  it('notices a changed figure: the signature no longer verifies', async () => {
    const event = await signedSurgeAlert();
    const tampered = parseSurgeAlertEvent({ ...event, data: { ...event.data, signal: { ...event.data.signal, count: 40 } } });

    await expect(verifyAlertSignature(tampered, signer.jwks)).rejects.toMatchObject({ reason: 'bad-alert-signature' });
  });
});

describe(parseReceivedAlertEvent.name, () => {
  let signer: TestSigner;

  beforeAll(async () => {
    signer = await createTestSigner();
  });

  it('takes either kind by its type, validated against its own schema', async () => {
    const surge = await signer.sign<SurgeAlertEvent>(unsignedSurgeAlertEvent());
    const incident = await signer.sign(unsignedAlertEvent(alertData()));

    const received = [parseReceivedAlertEvent(Buffer.from(JSON.stringify(surge))), parseReceivedAlertEvent(incident)];
    expect(received.map(isSurgeAlertEvent)).toEqual([true, false]);
    expect(received).toEqual([surge, incident]);
    expect(failureOf(() => parseReceivedAlertEvent({ ...surge, type: 'org.aisw.unknown.v1' })).details).toContainEqual({ path: '/type', message: 'must be "org.aisw.alert.v1"' });
    expect(failureOf(() => parseReceivedAlertEvent('{')).reason).toBe('invalid-envelope');
  });

  it('verifies a surge alert webhook delivery with createReceivedAlertVerifier, which createAlertVerifier refuses', async () => {
    const event = await signer.sign<SurgeAlertEvent>(unsignedSurgeAlertEvent());
    const delivery = signedWebhook(event);

    const verified = await createReceivedAlertVerifier({ webhookSecret: TEST_WEBHOOK_SECRET, keys: signer.jwks })(delivery.body, delivery.headers);
    expect(verified).toEqual({ webhookId: event.id, event, kid: signer.kid });
    await expect(createAlertVerifier({ webhookSecret: TEST_WEBHOOK_SECRET, keys: signer.jwks })(delivery.body, delivery.headers)).rejects.toMatchObject({
      reason: 'invalid-envelope',
    });
  });

  it('reads a surge alert from a Kafka binary-mode record, and it still verifies', async () => {
    const event = await signer.sign<SurgeAlertEvent>(unsignedSurgeAlertEvent());
    const record = kafkaBinaryRecord(event);

    const sut = receivedAlertFromKafkaMessage(record);
    expect(sut).toEqual(event);
    await expect(verifyAlertSignature(sut, signer.jwks)).resolves.toMatchObject({ kid: signer.kid });
    expect(() => fromKafkaMessage(record)).toThrow(AlertVerificationError);
  });
});
