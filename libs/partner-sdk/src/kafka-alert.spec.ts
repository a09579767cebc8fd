import { beforeAll, describe, expect, it } from '@jest/globals';
import { createTestSigner, kafkaBinaryRecord, unsignedAlertEvent, type TestSigner } from '../test/alert-event.factory.js';
import { AlertVerificationError } from './alert-verification-error.js';
import type { AlertEvent } from './alert-event.js';
import { fromKafkaMessage, type KafkaAlertMessage } from './kafka-alert.js';
import { verifyAlertSignature } from './verify-alert-signature.js';

function failureOf(message: KafkaAlertMessage): AlertVerificationError {
  try {
    fromKafkaMessage(message);
  } catch (error) {
    if (error instanceof AlertVerificationError) return error;
    throw error;
  }
  throw new Error('expected fromKafkaMessage to throw');
}

describe(fromKafkaMessage.name, () => {
  let signer: TestSigner;
  let event: AlertEvent;

  beforeAll(async () => {
    signer = await createTestSigner();
    event = await signer.sign(unsignedAlertEvent());
  });

  it('rebuilds the structured event from a binary-mode record, which then verifies', async () => {
    const sut = fromKafkaMessage(kafkaBinaryRecord(event));

    expect(sut).toEqual(event);
    await expect(verifyAlertSignature(sut, signer.jwks)).resolves.toMatchObject({ kid: signer.kid });
  });

  it('keeps ce_time exactly as sent, because the signature covers it', async () => {
    const signed = await signer.sign(unsignedAlertEvent(undefined, { time: '2026-11-29T12:00:00Z' }));

    const sut = fromKafkaMessage(kafkaBinaryRecord(signed));

    expect(sut.time).toBe('2026-11-29T12:00:00Z');
    await expect(verifyAlertSignature(sut, signer.jwks)).resolves.toMatchObject({ kid: signer.kid });
  });

  it('accepts string headers and value, and single-element header arrays', () => {
    const record = kafkaBinaryRecord(event);
    const headers = Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, [value.toString('utf8')]]));

    expect(fromKafkaMessage({ key: record.key.toString(), value: record.value.toString(), headers })).toEqual(event);
  });

  it('reads a structured-mode record as is', () => {
    const value = Buffer.from(JSON.stringify(event));

    expect(fromKafkaMessage({ key: null, value, headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' } })).toEqual(event);
  });

  it('refuses a record without the headers the CloudEvents SDK would otherwise invent', () => {
    const { ce_time: _time, ce_id: _id, ...headers } = kafkaBinaryRecord(event).headers;

    expect(failureOf({ ...kafkaBinaryRecord(event), headers })).toMatchObject({
      reason: 'invalid-envelope',
      details: [
        { path: '/id', message: 'is required (Kafka header ce_id)' },
        { path: '/time', message: 'is required (Kafka header ce_time)' },
      ],
    });
  });

  it('refuses a value that is not JSON, a missing value and a record that breaks the schema', () => {
    const record = kafkaBinaryRecord(event);

    expect(failureOf({ ...record, value: Buffer.from('{"alertId":') }).reason).toBe('invalid-envelope');
    expect(failureOf({ ...record, value: null }).reason).toBe('invalid-envelope');
    expect(failureOf({ ...record, headers: { ...record.headers, ce_type: Buffer.from('org.aisw.incident.filed.v1') } }).details).toEqual([
      { path: '/type', message: 'must be "org.aisw.alert.v1"' },
    ]);
  });

  it('reports a changed header as a signature failure once verified', async () => {
    const record = kafkaBinaryRecord(event);
    const sut = fromKafkaMessage({ ...record, headers: { ...record.headers, ce_source: Buffer.from('/aisw/GB') } });

    await expect(verifyAlertSignature(sut, signer.jwks)).rejects.toMatchObject({ reason: 'bad-alert-signature' });
  });
});
